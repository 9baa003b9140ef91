package dev.capstan.engine.render;

import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the documents of one YAML or JSON file, one at a time from the token stream, into
 * trees that remember the line each object starts on, so that every rendered object can say
 * where it came from. Empty documents are skipped. A JSON file holds one value, as in Argo CD.
 *
 * <p>Beyond what Jackson's YAML tree reading does, it types plain scalars, keys included, as
 * kubectl does ({@link Yaml11Scalars}: {@code 0755} is 493, {@code yes} is true), refusing
 * {@code .inf} and {@code .nan}, which JSON cannot hold; it resolves aliases ({@code *name}) to
 * anchored mappings and lists, applies merge keys (a plain {@code <<: *name}), and refuses
 * duplicate keys, which a YAML parser would otherwise let the last one win silently. Anchors on
 * single values are not reported by Jackson's parser, so an alias to one is refused with an error.
 */
final class DocumentReader {

    /** One document: its tree, the line it starts on, and the starting lines of its objects near the top. */
    record Document(JsonNode value, int line, Map<JsonNode, Integer> objectLines) {

        /** The line {@code node} (an object of this document) starts on, or the document's line. */
        int lineOf(JsonNode node) {
            return objectLines.getOrDefault(node, line);
        }

        /** This document with no lines known, for text generated from the file rather than written in it. */
        Document withoutLines() {
            return new Document(value, 0, Map.of());
        }
    }

    /** Objects this deep or shallower have their lines kept: a List's items in a JSON array are at depth 3. */
    private static final int DEPTH_WITH_LINES = 3;

    /** Aliases may copy in at most this many nodes per file, against "billion laughs" documents. */
    static final int MAX_ALIASED_NODES = 1_000_000;

    private record Anchored(JsonNode node, long size) {
    }

    private final String file;
    private final DocumentFormat format;
    private final JsonParser parser;
    private final JsonNodeFactory nodes = ManifestFormat.YAML.getNodeFactory();
    private final Map<String, Anchored> anchors = new HashMap<>();
    private Map<JsonNode, Integer> objectLines = new IdentityHashMap<>();
    private long nodeCount;
    private long aliasedNodes;

    private DocumentReader(String file, DocumentFormat format, JsonParser parser) {
        this.file = file;
        this.format = format;
        this.parser = parser;
    }

    /**
     * The non-empty documents of {@code bytes}, read as {@code format}.
     *
     * @param file the file's path relative to the source root, for origins and errors
     * @throws RenderException {@code MALFORMED} naming the file, line and column when the text does not parse
     */
    static List<Document> read(String file, byte[] bytes, DocumentFormat format) {
        var documents = new ArrayList<Document>();
        try (JsonParser parser = format.parser(bytes)) {
            var reader = new DocumentReader(file, format, parser);
            int values = 0;
            while (parser.nextToken() != null) {
                if (format == DocumentFormat.JSON && ++values > 1) {
                    throw reader.problemAt(parser.currentTokenLocation(), "a JSON file holds one object or one array of objects, and this is a second value");
                }
                Document document = reader.document();
                if (!document.value().isNull()) {
                    documents.add(document);
                }
            }
        } catch (JacksonException e) {
            throw ParseProblem.of(file, format, e);
        }
        return List.copyOf(documents);
    }

    private Document document() {
        anchors.clear();
        objectLines = new IdentityHashMap<>();
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode value = value(0);
        return new Document(value, line, Collections.unmodifiableMap(objectLines));
    }

    private JsonNode value(int depth) {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(depth);
            case START_ARRAY -> array(depth);
            case VALUE_STRING -> isAlias() ? alias() : counted(isPlain() ? plainScalar() : nodes.stringNode(parser.getString()));
            case VALUE_NUMBER_INT -> counted(switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            });
            case VALUE_NUMBER_FLOAT -> counted(switch (parser.getNumberType()) {
                case BIG_DECIMAL -> nodes.numberNode(parser.getDecimalValue());
                case FLOAT -> nodes.numberNode(parser.getFloatValue());
                default -> nodes.numberNode(parser.getDoubleValue());
            });
            case VALUE_TRUE -> counted(nodes.booleanNode(true));
            case VALUE_FALSE -> counted(nodes.booleanNode(false));
            case VALUE_NULL -> counted(nodes.nullNode());
            case VALUE_EMBEDDED_OBJECT -> counted(parser.getEmbeddedObject() instanceof byte[] binary
                    ? nodes.binaryNode(binary) : nodes.pojoNode(parser.getEmbeddedObject()));
            default -> throw new IllegalStateException("unexpected " + token + " in " + file);
        };
    }

    private ObjectNode object(int depth) {
        String anchor = anchor();
        long sizeBefore = nodeCount;
        ObjectNode object = counted(nodes.objectNode());
        if (depth <= DEPTH_WITH_LINES) {
            objectLines.put(object, parser.currentTokenLocation().getLineNr());
        }
        var merged = new ArrayList<JsonNode>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String written = parser.currentName();
            TokenStreamLocation keyLocation = parser.currentTokenLocation();
            boolean plain = isPlain();
            String name = plain ? plainKey(written, keyLocation) : written;
            parser.nextToken();
            JsonNode value = value(depth + 1);
            if (plain && written.equals("<<")) {
                merged.addAll(mergeSources(value, keyLocation));
            } else if (object.has(name)) {
                throw problemAt(keyLocation, "duplicate key '" + name + "'" + (name.equals(written) ? "" : " (" + written + " reads as " + name + ")"));
            } else {
                object.set(name, value);
            }
        }
        // explicit keys win over merged ones, and earlier merge sources over later ones
        for (JsonNode source : merged) {
            source.properties().forEach(property -> {
                if (!object.has(property.getKey())) {
                    object.set(property.getKey(), property.getValue());
                }
            });
        }
        remember(anchor, object, sizeBefore);
        return object;
    }

    private ArrayNode array(int depth) {
        String anchor = anchor();
        long sizeBefore = nodeCount;
        ArrayNode array = counted(nodes.arrayNode());
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(depth + 1));
        }
        remember(anchor, array, sizeBefore);
        return array;
    }

    private List<JsonNode> mergeSources(JsonNode value, TokenStreamLocation at) {
        List<JsonNode> sources = value.isArray() ? value.valueStream().toList() : List.of(value);
        for (JsonNode source : sources) {
            if (!source.isObject()) {
                throw problemAt(at, "merge key '<<' takes a mapping or a list of mappings");
            }
        }
        return sources;
    }

    /** The anchor ({@code &name}) on the mapping or list starting at the current token, if any. */
    private String anchor() {
        Object id = parser.getObjectId();
        return id == null ? null : id.toString();
    }

    private boolean isPlain() {
        return parser instanceof PlainScalarYamlFactory.Parser yaml && yaml.isCurrentPlain();
    }

    private JsonNode plainScalar() {
        String text = parser.getString();
        JsonNode value = Yaml11Scalars.resolve(text);
        if (value.isDouble() && !Double.isFinite(value.doubleValue())) {
            throw problemAt(parser.currentTokenLocation(), text + " is a float JSON cannot hold (kubectl refuses it too); quote it to make it a string");
        }
        return value;
    }

    /** The key as kubectl makes it: {@code yes} is "true", {@code 0755} is "493". */
    private String plainKey(String written, TokenStreamLocation at) {
        return Yaml11Scalars.key(written).orElseThrow(() -> problemAt(at, "key '" + written + "' reads as "
                + (Yaml11Scalars.resolve(written).isNull() ? "null" : "an integer past int64")
                + ", which cannot be an object key (kubectl refuses it too); quote it to make it a string"));
    }

    private boolean isAlias() {
        return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
    }

    private JsonNode alias() {
        String name = parser.getString();
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            throw problemAt(parser.currentTokenLocation(), "alias *" + name
                    + " does not name an anchored mapping or list before it (anchors on single values are not supported)");
        }
        aliasedNodes += anchored.size();
        nodeCount += anchored.size();
        if (aliasedNodes > MAX_ALIASED_NODES) {
            throw new RenderException(Reason.TOO_LARGE, new Origin(file, parser.currentTokenLocation().getLineNr()),
                    "YAML aliases expand to more than " + MAX_ALIASED_NODES + " nodes");
        }
        return anchored.node();
    }

    private void remember(String anchor, JsonNode node, long sizeBefore) {
        if (anchor != null) {
            anchors.put(anchor, new Anchored(node, nodeCount - sizeBefore));
        }
    }

    private <T extends JsonNode> T counted(T node) {
        nodeCount++;
        return node;
    }

    private RenderException problemAt(TokenStreamLocation location, String problem) {
        return ParseProblem.at(file, format, location.getLineNr(), location.getColumnNr(), problem, null);
    }
}
