package dev.capstan.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import dev.capstan.engine.Manifest;

/**
 * The application of benchmark (a): 1,000 objects, as 10 Namespaces, 40 ServiceAccounts, 700
 * ConfigMaps, 150 Services and 100 Deployments (replicas 0), spread over the namespaces. Every
 * object carries the run's label, so a watch can see them arrive; names are unique per run.
 */
record ObjectMix(String run) {

    static final String RUN_LABEL = "bench.capstan.dev/run";
    static final int NAMESPACES = 10;
    static final int TOTAL = 1000;

    static final int CONFIG_MAPS = 700;
    static final String LOG_LEVEL = "log-level";

    List<Manifest> manifests() {
        return manifests(index -> "info");
    }

    /** The mix with ConfigMap {@code i}'s {@value #LOG_LEVEL} set to {@code logLevel.apply(i)}: a change in Git. */
    List<Manifest> manifests(IntFunction<String> logLevel) {
        var objects = new ArrayList<Manifest>();
        for (int n = 0; n < NAMESPACES; n++) {
            objects.add(Manifest.parse("""
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: %s, labels: {%s: %s}}
                    """.formatted(namespace(n), RUN_LABEL, run)));
        }
        for (int i = 0; i < 40; i++) {
            objects.add(Manifest.parse("""
                    apiVersion: v1
                    kind: ServiceAccount
                    metadata: {name: sa-%d, namespace: %s, labels: {%s: %s}}
                    """.formatted(i, namespace(i), RUN_LABEL, run)));
        }
        for (int i = 0; i < CONFIG_MAPS; i++) {
            objects.add(Manifest.parse("""
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: config-%d, namespace: %s, labels: {%s: %s, app: app-%d}}
                    data:
                      application.properties: |
                        server.port=8080
                        feature.flag.%d=true
                      log-level: "%s"
                    """.formatted(i, namespace(i), RUN_LABEL, run, i % 100, i, logLevel.apply(i))));
        }
        for (int i = 0; i < 150; i++) {
            objects.add(Manifest.parse("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: svc-%d, namespace: %s, labels: {%s: %s}}
                    spec:
                      selector: {app: app-%d}
                      ports:
                      - {name: http, port: 80, targetPort: http}
                    """.formatted(i, namespace(i), RUN_LABEL, run, i % 100)));
        }
        for (int i = 0; i < 100; i++) {
            objects.add(Manifest.parse("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: app-%d, namespace: %s, labels: {%s: %s}}
                    spec:
                      replicas: 0
                      selector: {matchLabels: {app: app-%d}}
                      template:
                        metadata: {labels: {app: app-%d}}
                        spec:
                          containers:
                          - name: app
                            image: registry.invalid/app:%d
                            ports: [{name: http, containerPort: 8080}]
                            resources: {requests: {cpu: 100m, memory: 128Mi}}
                    """.formatted(i, namespace(i), RUN_LABEL, run, i, i, i)));
        }
        return objects;
    }

    String namespace(int index) {
        return run + "-" + (index % NAMESPACES);
    }

    /** The name of ConfigMap {@code i}. */
    static String configMap(int index) {
        return "config-" + index;
    }

    /** Writes the objects as files, namespaces first, for tools that read a directory. */
    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : files(index -> "info").entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two files of the mix, namespaces first, by file name: what a Git repository of the application holds. */
    Map<String, String> files(IntFunction<String> logLevel) {
        List<Manifest> objects = manifests(logLevel);
        var files = new LinkedHashMap<String, String>();
        files.put("00-namespaces.yaml", yaml(objects.subList(0, NAMESPACES)));
        files.put("10-objects.yaml", yaml(objects.subList(NAMESPACES, objects.size())));
        return files;
    }

    private static String yaml(List<Manifest> objects) {
        var text = new StringBuilder();
        objects.forEach(object -> text.append("---\n").append(object.toYaml()));
        return text.toString();
    }
}
