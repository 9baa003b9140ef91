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
import dev.capstan.engine.sync.AppliedInventory;
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
                            .withOutOfSync(AppliedInventory.unconfirmed(local.desired, key -> Optional.ofNullable(live.get(key)), tracked))
                            .withOptions(options));
            if (output.equals("json")) {
                if (!dryRun) {
                    throw new UserError("-o json prints the plan, so it needs --dry-run");
                }
                out.println(ManifestFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(plan.tasks()));
                out.flush();
                return 0;
            }
            HealthAssessor health = healthRules.assessor(() -> local.cluster, err);
            var progress = new Progress(out, new LinkedHashMap<>());
            var runner = new SyncRunner(local.cluster, object -> health.assess(object).health(), progress);
            SyncState state = runner.run(plan);
            if (!dryRun) {
                var after = AppliedInventory.after(local.desired, tracked, state, progress.fingerprints());
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
