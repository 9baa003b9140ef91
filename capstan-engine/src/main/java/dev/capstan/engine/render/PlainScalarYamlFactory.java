package dev.capstan.engine.render;

import java.io.CharArrayReader;
import java.io.InputStream;
import java.io.Reader;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.dataformat.yaml.UTF8Reader;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLFactoryBuilder;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Jackson's YAML factory with a parser that hands plain scalars over as written and says which
 * scalars were plain, so that {@link DocumentReader} can type them as kubectl does
 * ({@link Yaml11Scalars}) instead of by Jackson's YAML 1.2 rules. Quoted, block and tagged
 * scalars are read by Jackson as before.
 */
final class PlainScalarYamlFactory extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    PlainScalarYamlFactory(YAMLFactoryBuilder settings) {
        super(settings);
    }

    private PlainScalarYamlFactory(PlainScalarYamlFactory source) {
        super(source);
    }

    /**
     * A YAML parser whose plain, untagged scalars are {@code VALUE_STRING} tokens with the text
     * as written; {@link #isCurrentPlain()} tells them apart from quoted and block strings.
     */
    static final class Parser extends YAMLParser {

        Parser(ObjectReadContext readContext, IOContext ioContext, BufferRecycler buffers, int streamFeatures,
                int formatFeatures, LoadSettings settings, Reader reader, boolean ownsReader) {
            super(readContext, ioContext, buffers, streamFeatures, formatFeatures, settings, reader, ownsReader);
        }

        /** Whether the current property name or scalar value was written plain (unquoted, not a block, no tag). */
        boolean isCurrentPlain() {
            return _lastEvent instanceof ScalarEvent scalar && isPlain(scalar);
        }

        @Override
        protected JsonToken _decodeScalar(ScalarEvent scalar) {
            if (!isPlain(scalar)) {
                return super._decodeScalar(scalar);
            }
            String text = scalar.getValue();
            _streamReadConstraints.validateStringLength(text.length());
            _textValue = text;
            _cleanedTextValue = null;
            return JsonToken.VALUE_STRING;
        }

        private static boolean isPlain(ScalarEvent scalar) {
            return scalar.isPlain() && scalar.getTag().isEmpty();
        }
    }

    @Override
    public YAMLFactory copy() {
        return new PlainScalarYamlFactory(this);
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readContext, IOContext ioContext, InputStream in) {
        int streamFeatures = readContext.getStreamReadFeatures(_streamReadFeatures);
        Reader reader = _createReader(in, null, ioContext, streamFeatures);
        return parser(readContext, ioContext, streamFeatures, reader, reader instanceof UTF8Reader);
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readContext, IOContext ioContext, Reader reader) {
        return parser(readContext, ioContext, readContext.getStreamReadFeatures(_streamReadFeatures), reader, false);
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readContext, IOContext ioContext, char[] chars, int offset, int length,
            boolean recyclable) {
        return parser(readContext, ioContext, readContext.getStreamReadFeatures(_streamReadFeatures),
                new CharArrayReader(chars, offset, length), true);
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readContext, IOContext ioContext, byte[] bytes, int offset, int length) {
        return parser(readContext, ioContext, readContext.getStreamReadFeatures(_streamReadFeatures),
                _createReader(bytes, offset, length, null, ioContext), true);
    }

    private Parser parser(ObjectReadContext readContext, IOContext ioContext, int streamFeatures, Reader reader, boolean ownsReader) {
        return new Parser(readContext, ioContext, _getBufferRecycler(), streamFeatures,
                readContext.getFormatReadFeatures(_formatReadFeatures), _loadSettings, reader, ownsReader);
    }
}
