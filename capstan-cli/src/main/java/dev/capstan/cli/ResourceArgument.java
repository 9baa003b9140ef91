package dev.capstan.cli;

import java.util.Arrays;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.ResourceKey;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A resource named on the command line as {@code KIND[.GROUP]/[NAMESPACE/]NAME}, such as
 * {@code Deployment.apps/shop/web} or {@code ConfigMap/settings}; the namespace is empty when
 * not given.
 */
record ResourceArgument(String group, String kind, String namespace, String name) {

    static final String FORMAT = "KIND[.GROUP]/[NAMESPACE/]NAME";

    static ResourceArgument parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new TypeConversionException("'" + text + "' is not a resource: expected " + FORMAT);
        }
        int dot = parts[0].indexOf('.');
        String kind = dot < 0 ? parts[0] : parts[0].substring(0, dot);
        String group = dot < 0 ? "" : parts[0].substring(dot + 1);
        return new ResourceArgument(group, kind, parts.length == 3 ? parts[1] : "", parts[parts.length - 1]);
    }

    /** Its key, in {@code defaultNamespace} when it names none. */
    ResourceKey key(String defaultNamespace) {
        return ResourceKey.of(new GroupKind(group, kind), namespace.isEmpty() ? defaultNamespace : namespace, name);
    }

    static final class Converter implements ITypeConverter<ResourceArgument> {
        @Override
        public ResourceArgument convert(String value) {
            return parse(value);
        }
    }
}
