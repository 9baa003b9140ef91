package dev.capstan.engine.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.ResourceKey;

/**
 * Plans a sync: from the desired manifests, the live objects and the options, the ordered list of
 * what to do with every object. Pure: it reads no cluster, and the same request gives the same plan.
 * Bad annotations are {@link InvalidManifestException}s naming the object, before anything is applied.
 */
public final class SyncPlanner {

    private static final GroupKind NAMESPACE = GroupKind.core("Namespace");
    private static final Set<GroupKind> NEVER_REPLACED =
            Set.of(NAMESPACE, new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition"));

    public SyncPlan plan(SyncRequest request) {
        Tracking tracking = new Tracking(request.application());
        Set<ResourceKey> desiredKeys = keysOfDesired(request.desired());
        List<SyncTask> tasks = new ArrayList<>();
        for (Manifest desired : request.desired()) {
            tasks.addAll(Hook.of(desired).map(hook -> hookTasks(desired, hook, request, tracking))
                    .orElseGet(() -> List.of(resourceTask(desired, request, tracking))));
        }
        request.live().forEach((key, live) -> {
            if (!desiredKeys.contains(key) && !isUntrackedDestinationNamespace(key, live, request, tracking)) {
                tasks.add(pruneTask(live, request, tracking));
            }
        });
        List<SyncTask> ordered = TaskOrder.sort(PruneWaves.assign(tasks, request.options().pruneLast()));
        return new SyncPlan(request.application(), request.options(), destinationNamespaceFirst(ordered, request));
    }

    private static Set<ResourceKey> keysOfDesired(List<Manifest> desired) {
        Map<ResourceKey, Manifest> seen = new HashMap<>();
        for (Manifest manifest : desired) {
            if (manifest.name().isEmpty()) {
                if (manifest.string("/metadata/generateName").isEmpty()) {
                    throw new InvalidManifestException(manifest, "has neither metadata.name nor metadata.generateName");
                }
                if (!Hook.isHook(manifest)) {
                    throw new InvalidManifestException(manifest, "metadata.generateName is supported for hooks only; set metadata.name");
                }
                continue;
            }
            Manifest earlier = seen.putIfAbsent(manifest.key(), manifest);
            if (earlier != null) {
                throw new InvalidManifestException(manifest, "is declared twice (also at " + earlier.origin() + ")");
            }
        }
        return new HashSet<>(seen.keySet());
    }

    private static SyncTask resourceTask(Manifest desired, SyncRequest request, Tracking tracking) {
        SyncOptions options = request.options();
        ResourceSyncOptions own = ResourceSyncOptions.of(desired);
        int wave = SyncWave.of(desired);
        ResourceKey key = desired.key();
        Manifest live = request.live().get(key);
        if (!options.selects(key)) {
            return SyncTask.of(SyncPhase.SYNC, wave, SyncAction.SKIP, "not selected", desired);
        }
        if (options.applyOutOfSyncOnly() && live != null && !request.outOfSync().contains(key)) {
            return SyncTask.of(SyncPhase.SYNC, wave, SyncAction.SKIP, SyncTask.IN_SYNC, desired);
        }
        boolean force = options.force() || own.force();
        Manifest marked = tracking.mark(desired);
        if (live == null) {
            return SyncTask.of(SyncPhase.SYNC, wave, SyncAction.CREATE, "", force, Set.of(), marked);
        }
        if (options.replace() || own.replace()) {
            return NEVER_REPLACED.contains(key.groupKind())
                    ? SyncTask.of(SyncPhase.SYNC, wave, SyncAction.APPLY, "applied, not replaced: replacing a " + key.kind() + " would delete what it holds", force, Set.of(), marked)
                    : SyncTask.of(SyncPhase.SYNC, wave, SyncAction.REPLACE, "Replace=true", force, Set.of(), marked);
        }
        return SyncTask.of(SyncPhase.SYNC, wave, SyncAction.APPLY, "", force, Set.of(), marked);
    }

    private static List<SyncTask> hookTasks(Manifest desired, Hook hook, SyncRequest request, Tracking tracking) {
        int wave = SyncWave.of(desired);
        if (hook.isSkipped()) {
            return List.of(SyncTask.of(SyncPhase.SYNC, wave, SyncAction.SKIP, "Skip hook: never applied", desired));
        }
        if (hook.phases().isEmpty()) {
            return List.of(SyncTask.of(SyncPhase.SYNC, wave, SyncAction.SKIP,
                    "runs only when the application is deleted", named(desired, SyncPhase.SYNC, request)));
        }
        boolean force = request.options().force() || ResourceSyncOptions.of(desired).force();
        List<SyncTask> tasks = new ArrayList<>();
        for (SyncPhase phase : hook.phases()) {
            Manifest named = named(desired, phase, request);
            tasks.add(request.options().isSelective()
                    ? SyncTask.of(phase, wave, SyncAction.SKIP, "hooks do not run in a selective sync", named)
                    : SyncTask.of(phase, wave, SyncAction.HOOK, "", force, hook.deletePolicies(), tracking.mark(named)));
        }
        return tasks;
    }

    /** A hook with only {@code generateName} gets a name of its own per operation and phase, stable across a resume. */
    private static Manifest named(Manifest hook, SyncPhase phase, SyncRequest request) {
        if (!hook.name().isEmpty()) {
            return hook;
        }
        String suffix = (request.operationId().isEmpty() ? "" : request.operationId() + "-") + phase.display().toLowerCase(Locale.ROOT);
        String name = hook.string("/metadata/generateName") + suffix;
        return hook.with(object -> {
            var metadata = object.withObject("/metadata");
            metadata.remove("generateName");
            metadata.put("name", name);
        });
    }

    private static SyncTask pruneTask(Manifest live, SyncRequest request, Tracking tracking) {
        int wave = SyncWave.ofLive(live);
        ResourceSyncOptions own = ResourceSyncOptions.of(live);
        String skipReason = !request.options().selects(live.key()) ? "not selected"
                : Hook.isHook(live) ? "hook objects are not pruned"
                : !tracking.owns(live) ? "not tracked by application " + request.application()
                : own.forbidsPrune() ? own.pruneSetting()
                : !request.options().prune() ? SyncTask.PRUNE_DISABLED
                : "";
        return skipReason.isEmpty()
                ? SyncTask.of(SyncPhase.SYNC, wave, SyncAction.PRUNE, "", live)
                : SyncTask.of(SyncPhase.SYNC, wave, SyncAction.SKIP, skipReason, live);
    }

    /** The destination namespace is passed among the live objects only so we know it exists; it is not a prune candidate unless ours. */
    private static boolean isUntrackedDestinationNamespace(ResourceKey key, Manifest live, SyncRequest request, Tracking tracking) {
        return key.equals(destinationNamespaceKey(request)) && !tracking.owns(live);
    }

    /**
     * Puts the destination namespace first, into the earliest phase and wave: a desired one is moved
     * there; with {@code CreateNamespace}, a missing one gets a task to create it (untracked, so it is
     * never pruned).
     */
    private static List<SyncTask> destinationNamespaceFirst(List<SyncTask> tasks, SyncRequest request) {
        if (request.destinationNamespace().isEmpty()) {
            return tasks;
        }
        ResourceKey namespaceKey = destinationNamespaceKey(request);
        Optional<SyncTask> first = tasks.stream().filter(task -> !task.isSkipped()).findFirst();
        Optional<SyncTask> desired = tasks.stream()
                .filter(task -> task.key().equals(namespaceKey) && task.action().writesObject())
                .findFirst();
        List<SyncTask> result = new ArrayList<>(tasks);
        if (desired.isPresent()) {
            SyncTask namespace = desired.get();
            result.remove(namespace);
            result.addFirst(first.filter(task -> TaskOrder.ORDER.compare(task, namespace) < 0)
                    .map(task -> namespace.movedTo(task.phase(), task.wave()))
                    .orElse(namespace));
            return List.copyOf(result);
        }
        boolean declared = tasks.stream().anyMatch(task -> task.key().equals(namespaceKey));
        if (request.options().createNamespace() && !declared && !request.live().containsKey(namespaceKey)) {
            int wave = Math.min(0, first.filter(task -> task.phase() == SyncPhase.PRE_SYNC).map(SyncTask::wave).orElse(0));
            result.addFirst(SyncTask.of(SyncPhase.PRE_SYNC, wave, SyncAction.CREATE, "CreateNamespace=true",
                    namespaceManifest(request.destinationNamespace())));
        }
        return List.copyOf(result);
    }

    private static ResourceKey destinationNamespaceKey(SyncRequest request) {
        return ResourceKey.of(NAMESPACE, "", request.destinationNamespace());
    }

    private static Manifest namespaceManifest(String name) {
        var object = ManifestFormat.JSON.createObjectNode();
        object.put("apiVersion", "v1");
        object.put("kind", "Namespace");
        object.putObject("metadata").put("name", name);
        return Manifest.of(object);
    }
}
