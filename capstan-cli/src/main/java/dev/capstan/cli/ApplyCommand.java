package dev.capstan.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.sync.AppliedFingerprint;
import dev.capstan.engine.sync.Hooks;
import dev.capstan.engine.sync.OperationPhase;
import dev.capstan.engine.sync.SyncAction;
import dev.capstan.engine.sync.SyncListener;
import dev.capstan.engine.sync.SyncOptions;
import dev.capstan.engine.sync.SyncPhase;
import dev.capstan.engine.sync.SyncPlan;
import dev.capstan.engine.sync.SyncPlanner;
import dev.capstan.engine.sync.SyncRequest;
import dev.capstan.engine.sync.SyncRunner;
import dev.capstan.engine.sync.SyncState;
import dev.capstan.engine.sync.SyncTask;
import dev.capstan.engine.sync.TaskResult;
import dev.capstan.engine.sync.TaskStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Sync a directory of manifests to the cluster: phases, waves and hooks in order, "
                + "server-side apply with field manager 'capstan', each wave waited for until healthy; "
                + "prune what the application applied before and no longer has.",
                "Exit codes: 0 succeeded, 1 failed, 2 error."})
final class ApplyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApplicationOptions application;

    @Mixin
    private HealthRuleOptions healthRules;

    @Option(names = "--prune", description = "Delete objects the application applied before and no longer has.")
    private boolean prune;

    @Option(names = "--dry-run", description = "Send everything as a server-side dry run; change nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Delete and re-create objects whose change touches an immutable field.")
    private boolean force;

    @Option(names = "--sync-option", paramLabel = "KEY=VALUE",
            description = "Sync options as in an Application, e.g. CreateNamespace=true, PruneLast=true, Replace=true.")
    private List<String> syncOptions = new ArrayList<>();

    @Option(names = "--resource", paramLabel = ResourceArgument.FORMAT, converter = ResourceArgument.Converter.class,
            description = "Sync only these resources (repeatable).")
    private List<ResourceArgument> resources = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
            description = "text (default) or json: with --dry-run, print the plan as JSON and apply nothing.")
    private String output = "text";

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try (LocalApplication local = application.open(err)) {
            Map<ResourceKey, Optional<AppliedFingerprint>> tracked = local.tracked();
            Map<ResourceKey, Manifest> live = local.live(tracked.keySet());
            SyncOptions options = SyncOptions.defaults().withPrune(prune).withDryRun(dryRun).withForce(force)
                    .withApplyOutOfSyncOnly(true)
                    .withSyncOptions(syncOptions).withResources(selected(local.namespace));
            SyncPlan plan = new SyncPlanner().plan(
                    SyncRequest.of(local.name, local.namespace, local.desired, live)
                            .withOutOfSync(changed(local.desired, live, tracked))
                            .withOptions(options));
            if (output.equals("json")) {
                if (!dryRun) {
                    throw new UserError("-o json prints the plan, so it needs --dry-run");
                }
                out.println(ManifestFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.tasks()));
                out.flush();
                return 0;
            }
            HealthAssessor health = healthRules.assessor(() -> local.cluster);
            var progress = new Progress(out, new LinkedHashMap<>());
            var runner = new SyncRunner(local.cluster, object -> health.assess(object).health(), progress);
            SyncState state = runner.run(plan);
            if (!dryRun) {
                var after = inventoryAfter(local, tracked, state, progress.fingerprints());
                if (!after.equals(tracked)) {
                    local.inventory.save(after);
                }
            }
            out.println(state.phase() == OperationPhase.SUCCEEDED
                    ? "Sync succeeded" + (dryRun ? " (dry run: nothing was changed)" : "") + "."
                    : "Sync " + state.phase().name().toLowerCase() + ": " + state.message());
            skipped(state, SyncTask.IN_SYNC).ifPresent(count -> out.println(count + " unchanged, not applied again."));
            skipped(state, SyncTask.PRUNE_DISABLED).ifPresent(count -> out.println(count
                    + " no longer in the directory; apply with --prune to delete them."));
            out.flush();
            return state.phase() == OperationPhase.SUCCEEDED ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("capstan apply: interrupted");
            return 2;
        } catch (RuntimeException e) {
            err.println("capstan apply: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private static Optional<Long> skipped(SyncState state, String reason) {
        long count = state.tasks().stream()
                .filter(result -> result.action() == SyncAction.SKIP && result.message().equals(reason)).count();
        return count == 0 ? Optional.empty() : Optional.of(count);
    }

    /**
     * The desired objects that applying could change: those without a fingerprint of their last
     * apply, or whose fingerprint no longer matches (changed in Git, or a field of ours written by
     * someone else). The rest are skipped as in sync, without a request.
     */
    private static Set<ResourceKey> changed(List<Manifest> desired, Map<ResourceKey, Manifest> live,
                                            Map<ResourceKey, Optional<AppliedFingerprint>> tracked) {
        Set<ResourceKey> changed = new LinkedHashSet<>();
        for (Manifest manifest : desired) {
            ResourceKey key = manifest.key();
            Manifest current = live.get(key);
            boolean unchanged = current != null && tracked.getOrDefault(key, Optional.empty())
                    .map(fingerprint -> fingerprint.matches(manifest, current)).orElse(false);
            if (!unchanged) {
                changed.add(key);
            }
        }
        return changed;
    }

    /**
     * What the application tracks now: every desired object (not hooks) with the fingerprint of
     * this apply, or of the earlier one when it was skipped as in sync; and whatever tracked object
     * was not pruned.
     */
    private static Map<ResourceKey, Optional<AppliedFingerprint>> inventoryAfter(LocalApplication local,
            Map<ResourceKey, Optional<AppliedFingerprint>> tracked, SyncState state,
            Map<ResourceKey, AppliedFingerprint> written) {
        Set<ResourceKey> pruned = new LinkedHashSet<>();
        Set<ResourceKey> inSync = new LinkedHashSet<>();
        for (TaskResult result : state.tasks()) {
            if (result.action() == SyncAction.PRUNE && result.status() == TaskStatus.SUCCEEDED) {
                pruned.add(result.key());
            }
            if (result.action() == SyncAction.SKIP && result.message().equals(SyncTask.IN_SYNC)) {
                inSync.add(result.key());
            }
        }
        Map<ResourceKey, Optional<AppliedFingerprint>> entries = new LinkedHashMap<>();
        for (Manifest manifest : local.desired) {
            ResourceKey key = manifest.key();
            if (Hooks.isHook(manifest)) {
                continue;
            }
            Optional<AppliedFingerprint> fingerprint = Optional.ofNullable(written.get(key))
                    .or(() -> inSync.contains(key) ? tracked.getOrDefault(key, Optional.empty()) : Optional.empty());
            entries.put(key, fingerprint);
        }
        tracked.forEach((key, fingerprint) -> {
            if (!pruned.contains(key)) {
                entries.putIfAbsent(key, fingerprint);
            }
        });
        return entries;
    }

    private Set<ResourceKey> selected(String namespace) {
        Set<ResourceKey> keys = new LinkedHashSet<>();
        resources.forEach(resource -> keys.add(resource.key(namespace)));
        return keys;
    }

    /** Progress per phase and wave, a line per finished task; collects the fingerprints of what was applied. */
    private record Progress(PrintWriter out, Map<ResourceKey, AppliedFingerprint> fingerprints) implements SyncListener {
        @Override
        public void objectWritten(SyncTask task, Manifest result) {
            if (!task.isHook()) {
                fingerprints.put(task.key(), AppliedFingerprint.of(task.manifest(), result));
            }
        }

        @Override
        public void waveStarted(SyncPhase phase, int wave) {
            out.printf("%s, wave %d%n", phase, wave);
            out.flush();
        }

        @Override
        public void taskDone(TaskResult result) {
            var key = new ResourceKey(result.group(), result.kind(), result.namespace(), result.name());
            out.printf("  %-9s %-7s %s%s%n", result.status().name().toLowerCase(), result.action().name().toLowerCase(),
                    key, result.message().isEmpty() ? "" : ": " + result.message());
            out.flush();
        }
    }
}
