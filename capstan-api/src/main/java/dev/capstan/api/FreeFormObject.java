package dev.capstan.api;

/**
 * The CRD schema of a free-form object field, for {@code @SchemaFrom}: {@code type: object}
 * with no properties, to which the field adds {@code x-kubernetes-preserve-unknown-fields}. A
 * {@code Map} field alone would also get {@code additionalProperties}, and the API server drops
 * the null values of a map whose schema does not allow them, while Helm uses a null value to
 * remove a chart's default.
 */
public final class FreeFormObject {

    private FreeFormObject() {
    }
}
