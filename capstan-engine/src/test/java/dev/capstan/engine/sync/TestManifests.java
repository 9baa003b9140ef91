package dev.capstan.engine.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.Origin;

/** Small manifests for sync tests: {@code configMap("ns", "a").wave(2).annotate(...).build()}. */
final class TestManifests {

    private final String apiVersion;
    private final String kind;
    private final String namespace;
    private final String name;
    private final Map<String, String> annotations = new LinkedHashMap<>();
    private Origin origin = Origin.NONE;
    private String generateName = "";

    private TestManifests(String apiVersion, String kind, String namespace, String name) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
    }

    static TestManifests object(String apiVersion, String kind, String namespace, String name) {
        return new TestManifests(apiVersion, kind, namespace, name);
    }

    static TestManifests configMap(String namespace, String name) {
        return object("v1", "ConfigMap", namespace, name);
    }

    static TestManifests deployment(String namespace, String name) {
        return object("apps/v1", "Deployment", namespace, name);
    }

    static TestManifests service(String namespace, String name) {
        return object("v1", "Service", namespace, name);
    }

    static TestManifests job(String namespace, String name) {
        return object("batch/v1", "Job", namespace, name);
    }

    static TestManifests namespace(String name) {
        return object("v1", "Namespace", "", name);
    }

    TestManifests wave(int wave) {
        return annotate("capstan.dev/sync-wave", Integer.toString(wave));
    }

    TestManifests hook(String types) {
        return annotate("capstan.dev/hook", types);
    }

    TestManifests deletePolicy(String policies) {
        return annotate("capstan.dev/hook-delete-policy", policies);
    }

    TestManifests syncOptions(String options) {
        return annotate("capstan.dev/sync-options", options);
    }

    /** Marks the object as tracked by {@code application}, as a live object it applied would be. */
    TestManifests trackedBy(String application) {
        GroupKind groupKind = GroupKind.of(apiVersion, kind);
        return annotate(Tracking.ANNOTATION, new Tracking(application).idOf(dev.capstan.engine.ResourceKey.of(groupKind, namespace, name)));
    }

    TestManifests annotate(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    TestManifests from(String file, int line) {
        origin = new Origin(file, line);
        return this;
    }

    TestManifests generateName(String prefix) {
        generateName = prefix;
        return this;
    }

    Manifest build() {
        var object = ManifestFormat.JSON.createObjectNode();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        var metadata = object.putObject("metadata");
        if (!name.isEmpty()) {
            metadata.put("name", name);
        }
        if (!generateName.isEmpty()) {
            metadata.put("generateName", generateName);
        }
        if (!namespace.isEmpty()) {
            metadata.put("namespace", namespace);
        }
        if (!annotations.isEmpty()) {
            var node = metadata.putObject("annotations");
            annotations.forEach(node::put);
        }
        return Manifest.of(object, origin);
    }
}
