package dev.capstan.engine.sync;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

/**
 * One step of a {@link SyncPlan}: what happens to one object, in which phase and wave. As JSON it
 * is a flat row ({@code phase, wave, kind, group, namespace, name, action, reason}), which is what
 * a dry run prints; the object itself and how to treat it are carried for the runner only.
 *
 * @param reason why the task is skipped, or a note on how it is done; empty when there is nothing to say
 * @param force delete and re-create the object when a change touches an immutable field
 * @param deletePolicies for a hook, when its object is deleted; empty otherwise
 * @param manifest the object to write (already marked for tracking), or the live object to prune
 */
@JsonPropertyOrder({"phase", "wave", "kind", "group", "namespace", "name", "action", "reason"})
public record SyncTask(
        SyncPhase phase,
        int wave,
        String kind,
        String group,
        String namespace,
        String name,
        SyncAction action,
        String reason,
        @JsonIgnore boolean force,
        @JsonIgnore Set<HookDeletePolicy> deletePolicies,
        @JsonIgnore Manifest manifest) {

    public SyncTask {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(action, "action");
        reason = reason == null ? "" : reason;
        deletePolicies = Set.copyOf(deletePolicies);
        Objects.requireNonNull(manifest, "manifest");
    }

    /** The reason of a task skipped because applying its object again would change nothing. */
    public static final String IN_SYNC = "in sync";

    /** The reason of a prune skipped because the sync does not prune. */
    public static final String PRUNE_DISABLED = "prune disabled";

    static SyncTask of(SyncPhase phase, int wave, SyncAction action, String reason, Manifest manifest) {
        return of(phase, wave, action, reason, false, Set.of(), manifest);
    }

    static SyncTask of(SyncPhase phase, int wave, SyncAction action, String reason, boolean force,
            Set<HookDeletePolicy> deletePolicies, Manifest manifest) {
        ResourceKey key = manifest.key();
        return new SyncTask(phase, wave, key.kind(), key.group(), key.namespace(), key.name(), action, reason,
                force, deletePolicies, manifest);
    }

    @JsonIgnore
    public ResourceKey key() {
        return new ResourceKey(group, kind, namespace, name);
    }

    @JsonIgnore
    public boolean isHook() {
        return action == SyncAction.HOOK;
    }

    @JsonIgnore
    public boolean isPrune() {
        return action == SyncAction.PRUNE;
    }

    @JsonIgnore
    public boolean isSkipped() {
        return action == SyncAction.SKIP;
    }

    /** For a CRD that is written, the kind it defines ({@code example.com/Widget}); empty otherwise. */
    Optional<GroupKind> definedKind() {
        if (!action.writesObject() || !group.equals("apiextensions.k8s.io") || !kind.equals("CustomResourceDefinition")) {
            return Optional.empty();
        }
        String definedGroup = manifest.string("/spec/group");
        String definedKind = manifest.string("/spec/names/kind");
        return definedGroup.isEmpty() || definedKind.isEmpty() ? Optional.empty() : Optional.of(new GroupKind(definedGroup, definedKind));
    }

    /** For a Namespace that does not exist yet and is created, its name; empty otherwise. */
    Optional<String> createdNamespace() {
        return action == SyncAction.CREATE && group.isEmpty() && kind.equals("Namespace") ? Optional.of(name) : Optional.empty();
    }

    boolean deletes(HookDeletePolicy policy) {
        return deletePolicies.contains(policy);
    }

    TaskId id() {
        return new TaskId(key(), phase);
    }

    /** This task moved to another phase and wave, as when a namespace is pulled ahead of what it holds. */
    SyncTask movedTo(SyncPhase newPhase, int newWave) {
        return new SyncTask(newPhase, newWave, kind, group, namespace, name, action, reason, force, deletePolicies, manifest);
    }

    boolean isInGroupOf(SyncTask other) {
        return phase == other.phase && wave == other.wave;
    }

    @Override
    public String toString() {
        return phase + "/" + wave + " " + action + " " + key() + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
