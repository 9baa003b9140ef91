package dev.capstan.bench;

import java.util.function.IntFunction;

/**
 * A 20-object application for the many-application scenarios: 1 ServiceAccount, 14 ConfigMaps,
 * 3 Services and 2 Deployments (replicas 0) in one namespace, as one YAML file. Names start with
 * the application's name, so many of them share a namespace; every object carries the run label.
 */
record SmallApp(String run, String name, String namespace) {

    static final int OBJECTS = 20;
    static final int CONFIG_MAPS = 14;

    static String configMap(String application, int index) {
        return application + "-config-" + index;
    }

    /** The file, with ConfigMap {@code i}'s {@value ObjectMix#LOG_LEVEL} set to {@code logLevel.apply(i)}. */
    String yaml(IntFunction<String> logLevel) {
        var text = new StringBuilder();
        text.append("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: %s-sa, namespace: %s, labels: {%s: %s}}
                """.formatted(name, namespace, ObjectMix.RUN_LABEL, run));
        for (int i = 0; i < CONFIG_MAPS; i++) {
            text.append("""
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: %s, namespace: %s, labels: {%s: %s, app: %s-%d}}
                    data:
                      application.properties: |
                        server.port=8080
                        feature.flag.%d=true
                      log-level: "%s"
                    """.formatted(configMap(name, i), namespace, ObjectMix.RUN_LABEL, run, name, i % 2, i, logLevel.apply(i)));
        }
        for (int i = 0; i < 3; i++) {
            text.append("""
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata: {name: %s-svc-%d, namespace: %s, labels: {%s: %s}}
                    spec:
                      selector: {app: %s-%d}
                      ports:
                      - {name: http, port: 80, targetPort: http}
                    """.formatted(name, i, namespace, ObjectMix.RUN_LABEL, run, name, i % 2));
        }
        for (int i = 0; i < 2; i++) {
            text.append("""
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: %1$s-%2$d, namespace: %3$s, labels: {%4$s: %5$s}}
                    spec:
                      replicas: 0
                      selector: {matchLabels: {app: %1$s-%2$d}}
                      template:
                        metadata: {labels: {app: %1$s-%2$d}}
                        spec:
                          containers:
                          - name: app
                            image: registry.invalid/app:%2$d
                            ports: [{name: http, containerPort: 8080}]
                            resources: {requests: {cpu: 100m, memory: 128Mi}}
                    """.formatted(name, i, namespace, ObjectMix.RUN_LABEL, run));
        }
        return text.toString();
    }
}
