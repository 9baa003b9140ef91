package dev.capstan.kube;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * A Secret's values as text: {@code data} decoded from base64, then {@code stringData} over it;
 * and the other way, a Secret made from text values.
 */
public final class SecretData {

    private SecretData() {
    }

    public static Map<String, String> decoded(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }

    /** An Opaque Secret of {@code namespace} with these labels, holding {@code values} (base64-encoded here). */
    public static Secret encoded(String name, String namespace, Map<String, String> labels, Map<String, String> values) {
        Map<String, String> data = new LinkedHashMap<>();
        values.forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(new LinkedHashMap<>(labels))
                .endMetadata().withType("Opaque").withData(data).build();
    }
}
