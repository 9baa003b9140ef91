package dev.capstan.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a free-form part of a custom resource (the engine's sync state in
 * {@code status.operationState.syncResult}, one entry per object of the application) as
 * read-only maps and lists in the least memory: each map's names and values in two arrays, and
 * text up to 64 characters shared with equal text elsewhere ({@link String#intern()}: kinds,
 * namespaces, names, actions and phases repeat in every entry and in the controller's caches).
 * The informer's copy of every Application holds this, so it is kept small; code that builds a new
 * state makes new maps rather than changing these.
 */
public final class FrozenJson extends ValueDeserializer<Map<String, Object>> {

    private static final int SHARED_TEXT_LENGTH = 64;

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) {
        JsonNode tree = context.readTree(parser);
        return tree.isObject() ? (Map<String, Object>) freeze(tree) : null;
    }

    static Object freeze(JsonNode node) {
        if (node.isObject()) {
            String[] names = new String[node.size()];
            Object[] values = new Object[names.length];
            int i = 0;
            for (var property : node.properties()) {
                names[i] = property.getKey().intern();
                values[i] = freeze(property.getValue());
                i++;
            }
            return new FrozenMap(names, values);
        }
        if (node.isArray()) {
            Object[] items = new Object[node.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = freeze(node.get(i));
            }
            return Collections.unmodifiableList(Arrays.asList(items));
        }
        if (node.isString()) {
            String text = node.asString();
            return text.length() <= SHARED_TEXT_LENGTH ? text.intern() : text;
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isBoolean() ? node.asBoolean() : node.numberValue();
    }

    /** An ordered, read-only map over two arrays. */
    private static final class FrozenMap extends AbstractMap<String, Object> {
        private final String[] names;
        private final Object[] values;

        FrozenMap(String[] names, Object[] values) {
            this.names = names;
            this.values = values;
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public Object get(Object name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return values[i];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object name) {
            return List.of(names).contains(name);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public int size() {
                    return names.length;
                }

                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < names.length;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= names.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }
            };
        }
    }
}
