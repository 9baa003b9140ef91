package dev.capstan.engine.cluster;

import java.util.List;
import java.util.Optional;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

/**
 * The engine's port to one Kubernetes cluster. Implemented once for real (fabric8, in
 * {@code capstan-kube}); every failure is a {@link ClusterException} with a {@link ClusterException.Reason}.
 */
public interface ClusterClient {

    /** The live object, or empty when it does not exist. */
    Optional<Manifest> get(ResourceKey key);

    /** Live objects of a kind, in one namespace (or all when {@code namespace} is empty), matching a label selector (may be empty). */
    List<Manifest> list(GroupKind kind, String namespace, String labelSelector);

    /**
     * Server-side apply of {@code desired} and the object the server returns; with
     * {@link ApplyOptions#dryRun()} nothing is stored and the result is the object as it would be.
     */
    Manifest apply(Manifest desired, ApplyOptions options);

    /** Replaces (or creates) the object with exactly {@code desired}: the {@code Replace=true} sync option. */
    Manifest replace(Manifest desired, boolean dryRun);

    /** Deletes the object; returns false when it was already gone. */
    boolean delete(ResourceKey key, DeleteOptions options);

    /** What the server knows of a kind (from discovery), or empty when the kind is unknown to it. */
    Optional<ResourceType> resourceType(GroupKind kind);

    /**
     * How to apply. {@code validate} false is the {@code Validate=false} sync option: the server
     * ignores fields it does not know or that are duplicated instead of refusing the object
     * (server-side field validation); true leaves the server's default.
     */
    record ApplyOptions(String fieldManager, boolean force, boolean dryRun, boolean validate) {
        public static final String FIELD_MANAGER = "capstan";

        public ApplyOptions(String fieldManager, boolean force, boolean dryRun) {
            this(fieldManager, force, dryRun, true);
        }

        public static ApplyOptions defaults() {
            return new ApplyOptions(FIELD_MANAGER, true, false, true);
        }

        public ApplyOptions asDryRun() {
            return new ApplyOptions(fieldManager, force, true, validate);
        }

        public ApplyOptions withValidate(boolean newValidate) {
            return new ApplyOptions(fieldManager, force, dryRun, newValidate);
        }
    }

    /** How to delete. */
    record DeleteOptions(Propagation propagation, boolean dryRun) {
        public enum Propagation { FOREGROUND, BACKGROUND, ORPHAN }

        public static DeleteOptions defaults() {
            return new DeleteOptions(Propagation.FOREGROUND, false);
        }
    }

    /** A kind as the server serves it. */
    record ResourceType(GroupKind kind, String version, String plural, boolean namespaced) {
        public String apiVersion() {
            return kind.isCore() ? version : kind.group() + "/" + version;
        }
    }
}
