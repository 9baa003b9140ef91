package dev.capstan.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The properties of one JSON object kept in two arrays, in their order: a fraction of what a
 * {@code LinkedHashMap} costs (no entry objects, no sparse table), for trees that are kept a long
 * time and never changed, like the live objects a controller caches. Looking a name up scans the
 * names, which for the small objects of Kubernetes metadata is as fast as hashing. The names
 * array may be shared with other maps of the same shape, and is never changed. Read-only:
 * every change is refused.
 */
final class CompactObjectMap extends AbstractMap<String, JsonNode> {

    private final String[] names;
    private final JsonNode[] values;

    CompactObjectMap(String[] names, JsonNode[] values) {
        this.names = names;
        this.values = values;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public JsonNode get(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, JsonNode> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return Map.entry(names[i], values[i]);
                    }
                };
            }
        };
    }
}
