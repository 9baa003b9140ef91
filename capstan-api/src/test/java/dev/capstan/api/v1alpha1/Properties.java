package dev.capstan.api.v1alpha1;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import dev.capstan.api.KeepsUnknownFields;

/**
 * Reflection over the custom resources' parts (the {@link KeepsUnknownFields} classes): which
 * properties the types declare, and which a given object sets.
 */
final class Properties {

    private Properties() {
    }

    /** Every {@code Type.property} of the parts reachable from the given types. */
    static Set<String> declared(Class<?>... roots) {
        Set<String> properties = new TreeSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>(List.of(roots));
        Set<Class<?>> visited = new HashSet<>();
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!visited.add(type)) {
                continue;
            }
            for (Field field : fields(type)) {
                properties.add(name(type, field));
                Class<?> valueType = elementType(field);
                if (KeepsUnknownFields.class.isAssignableFrom(valueType)) {
                    pending.push(valueType);
                }
            }
        }
        return properties;
    }

    /** Every {@code Type.property} that is set (not null) somewhere in the given values. */
    static Set<String> set(Object... values) {
        Set<String> properties = new TreeSet<>();
        for (Object value : values) {
            walk(value, "", (path, part) -> fields(part.getClass()).stream()
                    .filter(field -> read(field, part) != null)
                    .forEach(field -> properties.add(name(part.getClass(), field))));
        }
        return properties;
    }

    /** Calls the visitor with each part in the value and its path, such as {@code .source.helm}. */
    static void walk(Object value, String path, BiConsumer<String, KeepsUnknownFields> visitor) {
        if (value instanceof KeepsUnknownFields part) {
            visitor.accept(path, part);
            for (Field field : fields(part.getClass())) {
                walk(read(field, part), path + "." + field.getName(), visitor);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    private static List<Field> fields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter(field -> !Modifier.isStatic(field.getModifiers()))
                .toList();
    }

    private static Class<?> elementType(Field field) {
        if (List.class.isAssignableFrom(field.getType())
                && field.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return field.getType();
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Class<?> type, Field field) {
        return type.getName().substring(type.getPackageName().length() + 1) + "." + field.getName();
    }
}
