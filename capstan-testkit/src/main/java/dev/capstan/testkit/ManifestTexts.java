package dev.capstan.testkit;

/** YAML of the objects integration tests put into Git. */
public final class ManifestTexts {

    private ManifestTexts() {
    }

    public static String configMap(String name, String key, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  %s: "%s"
                """.formatted(name, key, value);
    }

    /**
     * A one-replica Deployment of {@code image}; {@code podSpec} is put under the pod's
     * {@code spec:} before its containers (a node selector), empty for none.
     */
    public static String deployment(String name, String image, String podSpec) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:%3$s
                      containers:
                      - name: main
                        image: %2$s
                """.formatted(name, image, podSpec);
    }
}
