package dev.capstan.render.jsonnet;

import java.io.Writer;

/**
 * Collects an evaluation's JSON output and stops it, with {@link TooLarge}, once the output
 * passes a number of UTF-8 bytes, so that a Jsonnet file cannot fill the memory with its output.
 */
final class CappedWriter extends Writer {

    /** The output passed the cap. */
    static final class TooLarge extends RuntimeException {

        TooLarge() {
            super("output too large", null, false, false);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final long maxBytes;
    private long bytes;

    CappedWriter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        if (bytes > maxBytes) {
            throw new TooLarge();
        }
        text.append(chars, offset, length);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
