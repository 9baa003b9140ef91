package dev.capstan.cli;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.cluster.ClusterException.Reason;
import dev.capstan.kube.ApiErrors;

/**
 * Capstan's custom resources of one kind in one namespace, with the reads and writes the
 * commands share: a missing object is a {@link UserError} naming it, a change is a
 * read-modify-write retried when someone else wrote in between, and a failed request is
 * classified once by {@link ApiErrors}.
 */
final class ResourceStore<T extends CustomResource<?, ?>> {

    private static final int ATTEMPTS = 5;

    /** What {@link #createOrUpsert} did. */
    enum Outcome {
        CREATED, UPDATED, UNCHANGED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final KubernetesClient client;
    private final Class<T> type;
    private final String namespace;
    private final GroupKind kind;

    ResourceStore(KubernetesClient client, Class<T> type, String namespace) {
        this.client = client;
        this.type = type;
        this.namespace = namespace;
        this.kind = new GroupKind(HasMetadata.getGroup(type), HasMetadata.getKind(type));
    }

    String namespace() {
        return namespace;
    }

    /** How every message names the object: {@code Kind.group/namespace/name}. */
    ResourceKey key(String name) {
        return ResourceKey.of(kind, namespace, name);
    }

    Optional<T> find(String name) {
        return Optional.ofNullable(request(name, "get", () -> objects().withName(name).get()));
    }

    T get(String name) {
        return find(name).orElseThrow(() -> new UserError(key(name) + " not found"));
    }

    /** The objects matching {@code labelSelector} (all when null), by name. */
    List<T> list(String labelSelector) {
        var list = request("", "list " + kind + " in namespace " + namespace, () -> labelSelector == null
                ? objects().list() : objects().withLabelSelector(labelSelector).list());
        return list.getItems().stream().sorted(Comparator.comparing(object -> object.getMetadata().getName())).toList();
    }

    T create(T object) {
        object.getMetadata().setNamespace(namespace);
        return request(object.getMetadata().getName(), "create", () -> objects().resource(object).create());
    }

    /**
     * Reads the object, lets {@code edit} change a copy (or refuse with a {@link UserError}), and
     * writes it back if it changed, guarded by its resourceVersion; reads and edits again when
     * someone else wrote in between.
     */
    T change(String name, UnaryOperator<T> edit) {
        for (int attempt = 1; ; attempt++) {
            T current = get(name);
            T changed = edit.apply(copy(current));
            if (tree(changed).equals(tree(current))) {
                return current;
            }
            try {
                return objects().resource(changed).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw ApiErrors.classify(key(name), "update", e);
                }
            }
        }
    }

    /** Writes the status of {@code object} through the status subresource. */
    T updateStatus(T object) {
        return request(object.getMetadata().getName(), "update status", () -> objects().resource(object).updateStatus());
    }

    /** What {@link #await} saw last: whether the condition held, and the object (null when it does not exist). */
    record Awaited<T>(boolean done, T object) {
    }

    /**
     * Watches the object until {@code done} holds for it (given null when the object does not
     * exist) or {@code timeout} passed.
     */
    Awaited<T> await(String name, Predicate<T> done, Duration timeout) {
        try {
            T object = objects().withName(name).waitUntilCondition(done, timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Awaited<>(true, object);
        } catch (KubernetesClientTimeoutException e) {
            T object = find(name).orElse(null);
            return new Awaited<>(done.test(object), object);
        } catch (KubernetesClientException e) {
            throw ApiErrors.classify(key(name), "watch", e);
        }
    }

    void delete(String name) {
        request(name, "delete", () -> objects().withName(name).delete());
    }

    /**
     * Creates {@code desired}; if it exists, replaces its spec (labels, annotations and finalizers
     * are added to) when {@code upsert}, and refuses otherwise, unless it would not change: a
     * server-side dry run tells, so the server's defaults do not count as differences.
     */
    Outcome createOrUpsert(T desired, boolean upsert) {
        String name = desired.getMetadata().getName();
        Optional<T> existing = find(name);
        if (existing.isEmpty()) {
            create(desired);
            return Outcome.CREATED;
        }
        T merged = merged(existing.get(), desired);
        T wouldBe = request(name, "update (dry run)", () -> objects().resource(merged).dryRun().update());
        if (tree(wouldBe.getSpec()).equals(tree(existing.get().getSpec()))
                && sameMetadata(wouldBe.getMetadata(), existing.get().getMetadata())) {
            return Outcome.UNCHANGED;
        }
        if (!upsert) {
            throw new UserError(key(name) + " already exists and differs; pass --upsert to replace its spec");
        }
        request(name, "update", () -> objects().resource(merged).update());
        return Outcome.UPDATED;
    }

    private T merged(T existing, T desired) {
        T merged = copy(existing);
        setSpec(merged, desired.getSpec());
        ObjectMeta metadata = merged.getMetadata();
        metadata.setLabels(union(metadata.getLabels(), desired.getMetadata().getLabels()));
        metadata.setAnnotations(union(metadata.getAnnotations(), desired.getMetadata().getAnnotations()));
        var finalizers = new LinkedHashSet<>(Objects.requireNonNullElse(metadata.getFinalizers(), List.<String>of()));
        finalizers.addAll(Objects.requireNonNullElse(desired.getMetadata().getFinalizers(), List.of()));
        metadata.setFinalizers(List.copyOf(finalizers));
        return merged;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setSpec(CustomResource object, Object spec) {
        object.setSpec(spec);
    }

    private static Map<String, String> union(Map<String, String> existing, Map<String, String> added) {
        var union = new LinkedHashMap<String, String>(Objects.requireNonNullElse(existing, Map.of()));
        union.putAll(Objects.requireNonNullElse(added, Map.of()));
        return union;
    }

    private static boolean sameMetadata(ObjectMeta a, ObjectMeta b) {
        return Objects.equals(orEmpty(a.getLabels()), orEmpty(b.getLabels()))
                && Objects.equals(orEmpty(a.getAnnotations()), orEmpty(b.getAnnotations()))
                && Objects.equals(Objects.requireNonNullElse(a.getFinalizers(), List.of()),
                        Objects.requireNonNullElse(b.getFinalizers(), List.of()));
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private NonNamespaceOperation<T, KubernetesResourceList<T>, Resource<T>> objects() {
        return client.resources(type).inNamespace(namespace);
    }

    private T copy(T object) {
        return client.getKubernetesSerialization().clone(object);
    }

    private Object tree(Object value) {
        return client.getKubernetesSerialization().convertValue(value, Object.class);
    }

    /** Runs one request; a kind the server does not serve means Capstan is not installed. */
    private <R> R request(String name, String action, Supplier<R> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            ClusterException failure = ApiErrors.classify(name.isEmpty() ? null : key(name), action, e);
            if (failure.reason() == Reason.UNKNOWN_KIND) {
                throw new UserError("the cluster does not serve " + kind + ": install Capstan first (capstan install)");
            }
            throw failure;
        }
    }
}
