package dev.capstan.engine.sync;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient.DeleteOptions.Propagation;

/**
 * How one sync runs, as asked for by the application's sync policy and the operation that started
 * it. Per-object sync-options annotations can add to it ({@code Replace=true}) or hold an object
 * back ({@code Prune=false}).
 *
 * @param prune delete live objects the application no longer declares
 * @param dryRun ask the server to validate every change without storing anything
 * @param resources only these objects take part (a selective sync); empty means all
 * @param createNamespace create the destination namespace when it is missing
 * @param replace replace objects instead of applying them
 * @param force delete and re-create an object whose change touches an immutable field
 * @param pruneLast prune after everything else is applied and healthy
 * @param applyOutOfSyncOnly skip objects that are already in sync
 * @param validate let the server validate objects; false is {@code Validate=false} (field validation ignored)
 * @param prunePropagation how a prune deletes an object's dependents
 */
public record SyncOptions(
        boolean prune,
        boolean dryRun,
        Set<ResourceKey> resources,
        boolean createNamespace,
        boolean replace,
        boolean force,
        boolean pruneLast,
        boolean applyOutOfSyncOnly,
        boolean validate,
        Propagation prunePropagation) {

    public SyncOptions {
        resources = Set.copyOf(resources);
        Objects.requireNonNull(prunePropagation, "prunePropagation");
    }

    /** No pruning, no dry run, every object, nothing forced; the server validates; foreground deletion. */
    public static SyncOptions defaults() {
        return new SyncOptions(false, false, Set.of(), false, false, false, false, false, true, Propagation.FOREGROUND);
    }

    /**
     * These options with Argo CD style option strings applied: {@code CreateNamespace=true},
     * {@code PruneLast=true}, {@code Replace=true}, {@code Force=true}, {@code ApplyOutOfSyncOnly=true},
     * {@code Validate=false}, {@code PrunePropagationPolicy=background}. Others are ignored.
     */
    public SyncOptions withSyncOptions(Collection<String> options) {
        ResourceSyncOptions parsed = ResourceSyncOptions.parse(options);
        return new SyncOptions(prune, dryRun, resources,
                parsed.value("CreateNamespace").map(Boolean::parseBoolean).orElse(createNamespace),
                parsed.value("Replace").map(Boolean::parseBoolean).orElse(replace),
                parsed.value("Force").map(Boolean::parseBoolean).orElse(force),
                parsed.value("PruneLast").map(Boolean::parseBoolean).orElse(pruneLast),
                parsed.value("ApplyOutOfSyncOnly").map(Boolean::parseBoolean).orElse(applyOutOfSyncOnly),
                parsed.value("Validate").map(Boolean::parseBoolean).orElse(validate),
                parsed.value("PrunePropagationPolicy").map(SyncOptions::propagationNamed).orElse(prunePropagation));
    }

    private static Propagation propagationNamed(String value) {
        try {
            return Propagation.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sync option PrunePropagationPolicy must be foreground, background or orphan, got \"" + value + "\"", e);
        }
    }

    public SyncOptions withPrune(boolean newPrune) {
        return new SyncOptions(newPrune, dryRun, resources, createNamespace, replace, force, pruneLast, applyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withDryRun(boolean newDryRun) {
        return new SyncOptions(prune, newDryRun, resources, createNamespace, replace, force, pruneLast, applyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withResources(Set<ResourceKey> newResources) {
        return new SyncOptions(prune, dryRun, newResources, createNamespace, replace, force, pruneLast, applyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withCreateNamespace(boolean newCreateNamespace) {
        return new SyncOptions(prune, dryRun, resources, newCreateNamespace, replace, force, pruneLast, applyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withReplace(boolean newReplace) {
        return new SyncOptions(prune, dryRun, resources, createNamespace, newReplace, force, pruneLast, applyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withForce(boolean newForce) {
        return new SyncOptions(prune, dryRun, resources, createNamespace, replace, newForce, pruneLast, applyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withPruneLast(boolean newPruneLast) {
        return new SyncOptions(prune, dryRun, resources, createNamespace, replace, force, newPruneLast, applyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withApplyOutOfSyncOnly(boolean newApplyOutOfSyncOnly) {
        return new SyncOptions(prune, dryRun, resources, createNamespace, replace, force, pruneLast, newApplyOutOfSyncOnly, validate, prunePropagation);
    }

    public SyncOptions withValidate(boolean newValidate) {
        return new SyncOptions(prune, dryRun, resources, createNamespace, replace, force, pruneLast, applyOutOfSyncOnly, newValidate, prunePropagation);
    }

    public SyncOptions withPrunePropagation(Propagation newPropagation) {
        return new SyncOptions(prune, dryRun, resources, createNamespace, replace, force, pruneLast, applyOutOfSyncOnly, validate, newPropagation);
    }

    /** Whether {@code key} takes part: always, unless this is a selective sync that does not name it. */
    public boolean selects(ResourceKey key) {
        return resources.isEmpty() || resources.contains(key);
    }

    public boolean isSelective() {
        return !resources.isEmpty();
    }
}
