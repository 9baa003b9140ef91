package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an application asks of Kustomize beyond its kustomization, as Argo CD's {@code kustomize}
 * source: each option is applied to the application's kustomization as if written there, the way
 * {@code kustomize edit} would write it. Empty strings, lists and maps mean "leave as written".
 *
 * @param namePrefix replaces the kustomization's {@code namePrefix}
 * @param nameSuffix replaces the kustomization's {@code nameSuffix}
 * @param images image overrides as {@code kustomize edit set image} takes them:
 *     {@code name=newName:tag}, {@code name=newName@digest}, {@code name=newName}, {@code name:tag}
 *     or {@code name@digest}; each replaces the kustomization's entry for the same name
 * @param replicas replica counts by workload name; each replaces the entry for the same name
 * @param commonLabels added to the kustomization's {@code commonLabels}, winning over the same keys
 * @param commonAnnotations added to its {@code commonAnnotations}, winning over the same keys
 * @param namespace replaces the kustomization's {@code namespace}
 * @param components added to its {@code components}, relative to the application's path
 * @param patches added to its {@code patches}
 * @param allowRemoteBases whether the kustomizations may load bases and files from URLs (Git
 *     repositories, HTTP); an operator's choice, off by default, since it reaches the network
 */
public record KustomizeOptions(String namePrefix, String nameSuffix, List<String> images, List<Replica> replicas,
                               Map<String, String> commonLabels, Map<String, String> commonAnnotations, String namespace,
                               List<String> components, List<Patch> patches, boolean allowRemoteBases)
        implements RenderOptions {

    public KustomizeOptions {
        namePrefix = Objects.requireNonNullElse(namePrefix, "");
        nameSuffix = Objects.requireNonNullElse(nameSuffix, "");
        images = images == null ? List.of() : List.copyOf(images);
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
        commonLabels = sorted(commonLabels);
        commonAnnotations = sorted(commonAnnotations);
        namespace = Objects.requireNonNullElse(namespace, "");
        components = components == null ? List.of() : List.copyOf(components);
        patches = patches == null ? List.of() : List.copyOf(patches);
    }

    public static KustomizeOptions defaults() {
        return new KustomizeOptions("", "", List.of(), List.of(), Map.of(), Map.of(), "", List.of(), List.of(), false);
    }

    /** Whether any option changes the kustomization. */
    public boolean editsKustomization() {
        return !namePrefix.isEmpty() || !nameSuffix.isEmpty() || !images.isEmpty() || !replicas.isEmpty()
                || !commonLabels.isEmpty() || !commonAnnotations.isEmpty() || !namespace.isEmpty()
                || !components.isEmpty() || !patches.isEmpty();
    }

    public KustomizeOptions withNamePrefix(String prefix) {
        return new KustomizeOptions(prefix, nameSuffix, images, replicas, commonLabels, commonAnnotations, namespace, components, patches, allowRemoteBases);
    }

    public KustomizeOptions withNameSuffix(String suffix) {
        return new KustomizeOptions(namePrefix, suffix, images, replicas, commonLabels, commonAnnotations, namespace, components, patches, allowRemoteBases);
    }

    public KustomizeOptions withImages(List<String> newImages) {
        return new KustomizeOptions(namePrefix, nameSuffix, newImages, replicas, commonLabels, commonAnnotations, namespace, components, patches, allowRemoteBases);
    }

    public KustomizeOptions withReplicas(List<Replica> newReplicas) {
        return new KustomizeOptions(namePrefix, nameSuffix, images, newReplicas, commonLabels, commonAnnotations, namespace, components, patches, allowRemoteBases);
    }

    public KustomizeOptions withCommonLabels(Map<String, String> labels) {
        return new KustomizeOptions(namePrefix, nameSuffix, images, replicas, labels, commonAnnotations, namespace, components, patches, allowRemoteBases);
    }

    public KustomizeOptions withCommonAnnotations(Map<String, String> annotations) {
        return new KustomizeOptions(namePrefix, nameSuffix, images, replicas, commonLabels, annotations, namespace, components, patches, allowRemoteBases);
    }

    public KustomizeOptions withNamespace(String newNamespace) {
        return new KustomizeOptions(namePrefix, nameSuffix, images, replicas, commonLabels, commonAnnotations, newNamespace, components, patches, allowRemoteBases);
    }

    public KustomizeOptions withComponents(List<String> newComponents) {
        return new KustomizeOptions(namePrefix, nameSuffix, images, replicas, commonLabels, commonAnnotations, namespace, newComponents, patches, allowRemoteBases);
    }

    public KustomizeOptions withPatches(List<Patch> newPatches) {
        return new KustomizeOptions(namePrefix, nameSuffix, images, replicas, commonLabels, commonAnnotations, namespace, components, newPatches, allowRemoteBases);
    }

    public KustomizeOptions withAllowRemoteBases(boolean allow) {
        return new KustomizeOptions(namePrefix, nameSuffix, images, replicas, commonLabels, commonAnnotations, namespace, components, patches, allow);
    }

    /** The replica count of the Deployment, StatefulSet or ReplicaSet named {@code name}. */
    public record Replica(String name, int count) {

        public Replica {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || count < 0) {
                throw invalid("replicas need a name and a count of zero or more, not '" + name + "' and " + count);
            }
        }

        /** A count given as text, as an int-or-string field carries it. */
        public static Replica parse(String name, String count) {
            try {
                return new Replica(name, Integer.parseInt(Objects.requireNonNull(count, "count").strip()));
            } catch (NumberFormatException e) {
                throw invalid("replica count of '" + name + "' is '" + count + "', not a whole number");
            }
        }
    }

    /**
     * One entry of the kustomization's {@code patches}: a strategic-merge or JSON 6902 patch
     * given inline ({@code patch}) or as a file relative to the application's path ({@code path}),
     * applied to the objects {@code target} selects (all those it names when empty).
     */
    public record Patch(String patch, String path, Target target, Map<String, Boolean> options) {

        private static final Set<String> FIELDS = Set.of("patch", "path", "target", "options");
        private static final Set<String> OPTIONS = Set.of("allowNameChange", "allowKindChange");

        public Patch {
            patch = Objects.requireNonNullElse(patch, "");
            path = Objects.requireNonNullElse(path, "");
            target = Objects.requireNonNullElse(target, Target.ANY);
            options = sorted(options);
            if (patch.isEmpty() == path.isEmpty()) {
                throw invalid("a patch needs either 'patch' (the patch itself) or 'path' (a file), not " + (patch.isEmpty() ? "neither" : "both"));
            }
            if (!OPTIONS.containsAll(options.keySet())) {
                throw invalid("patch options can be " + OPTIONS.stream().sorted().toList() + ", not " + options.keySet());
            }
        }

        public static Patch inline(String patch, Target target) {
            return new Patch(patch, "", target, Map.of());
        }

        /**
         * A patch from its fields as an application's spec holds them:
         * {@code {patch|path, target: {group, version, kind, name, namespace, labelSelector, annotationSelector}, options}}.
         *
         * @throws RenderException {@code INVALID_OPTIONS} naming the field that is unknown or of the wrong type
         */
        public static Patch fromFields(Map<String, ?> fields) {
            for (String field : fields.keySet()) {
                if (!FIELDS.contains(field)) {
                    throw invalid("a patch has no field '" + field + "'; it has " + FIELDS.stream().sorted().toList());
                }
            }
            Map<String, ?> target = mapField(fields, "target", "patch target");
            Map<String, ?> options = mapField(fields, "options", "patch options");
            var flags = new TreeMap<String, Boolean>();
            options.forEach((name, value) -> {
                if (!(value instanceof Boolean flag)) {
                    throw invalid("patch option '" + name + "' must be true or false");
                }
                flags.put(name, flag);
            });
            return new Patch(stringField(fields, "patch", "patch"), stringField(fields, "path", "patch"), Target.fromFields(target), flags);
        }
    }

    /** Which objects a patch applies to; empty fields match anything. Selectors are label and annotation selectors. */
    public record Target(String group, String version, String kind, String name, String namespace,
                         String labelSelector, String annotationSelector) {

        public static final Target ANY = new Target("", "", "", "", "", "", "");
        private static final List<String> FIELDS = List.of("group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");

        public Target {
            group = Objects.requireNonNullElse(group, "");
            version = Objects.requireNonNullElse(version, "");
            kind = Objects.requireNonNullElse(kind, "");
            name = Objects.requireNonNullElse(name, "");
            namespace = Objects.requireNonNullElse(namespace, "");
            labelSelector = Objects.requireNonNullElse(labelSelector, "");
            annotationSelector = Objects.requireNonNullElse(annotationSelector, "");
        }

        public static Target kindAndName(String kind, String name) {
            return new Target("", "", kind, name, "", "", "");
        }

        /** The non-empty fields by their kustomization names, in a fixed order. */
        public Map<String, String> fields() {
            List<String> values = List.of(group, version, kind, name, namespace, labelSelector, annotationSelector);
            var fields = new LinkedHashMap<String, String>();
            for (int i = 0; i < FIELDS.size(); i++) {
                if (!values.get(i).isEmpty()) {
                    fields.put(FIELDS.get(i), values.get(i));
                }
            }
            return Collections.unmodifiableMap(fields);
        }

        static Target fromFields(Map<String, ?> fields) {
            var values = new ArrayList<String>();
            for (String field : fields.keySet()) {
                if (!FIELDS.contains(field)) {
                    throw invalid("a patch target has no field '" + field + "'; it has " + FIELDS);
                }
            }
            for (String field : FIELDS) {
                values.add(stringField(fields, field, "patch target"));
            }
            return new Target(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4), values.get(5), values.get(6));
        }
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private static String stringField(Map<String, ?> fields, String field, String what) {
        Object value = fields.get(field);
        if (value != null && !(value instanceof String)) {
            throw invalid(what + " field '" + field + "' must be a string");
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> mapField(Map<String, ?> fields, String field, String what) {
        Object value = fields.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(String.class::isInstance)) {
            throw invalid(what + " must be a mapping");
        }
        return (Map<String, ?>) map;
    }

    private static RenderException invalid(String message) {
        return new RenderException(Reason.INVALID_OPTIONS, Origin.NONE, "kustomize options: " + message);
    }
}
