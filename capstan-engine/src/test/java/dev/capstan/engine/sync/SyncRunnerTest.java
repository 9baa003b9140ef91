package dev.capstan.engine.sync;

import static dev.capstan.engine.sync.SyncPlannerTest.live;
import static dev.capstan.engine.sync.TestManifests.configMap;
import static dev.capstan.engine.sync.TestManifests.deployment;
import static dev.capstan.engine.sync.TestManifests.job;
import static dev.capstan.engine.sync.TestManifests.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterException;
import dev.capstan.engine.cluster.ClusterException.Reason;
import tools.jackson.databind.json.JsonMapper;

class SyncRunnerTest {

    private static final String APP = "shop";

    private final FakeClusterClient cluster = new FakeClusterClient();
    private final ScriptedHealth health = new ScriptedHealth(cluster);
    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private SyncRunnerOptions options = SyncRunnerOptions.defaults().withPollInterval(Duration.ofSeconds(5)).withWaveTimeout(Duration.ofMinutes(2));

    @Test
    void applies_the_waves_in_order_waiting_for_each_to_become_healthy() throws Exception {
        Manifest config = configMap("ns", "config").build();
        Manifest web = deployment("ns", "web").wave(1).build();
        Manifest last = configMap("ns", "last").wave(2).build();
        health.of(web, Health.progressing("1 of 2 replicas"), Health.progressing("1 of 2 replicas"), Health.healthy(""));

        SyncState state = runner().run(plan(config, web, last));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(cluster.log()).containsExactly(
                "apply ConfigMap/ns/config",
                "health ConfigMap/ns/config Healthy",
                "apply Deployment.apps/ns/web",
                "health Deployment.apps/ns/web Progressing",
                "health Deployment.apps/ns/web Progressing",
                "health Deployment.apps/ns/web Healthy",
                "apply ConfigMap/ns/last");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(state.tasks()).extracting(TaskResult::status).containsOnly(TaskStatus.SUCCEEDED);
        assertThat(state.startedAt()).isEqualTo("2026-05-01T12:00:00Z");
        assertThat(state.finishedAt()).isEqualTo("2026-05-01T12:00:10Z");
    }

    @Test
    void marks_every_applied_object_as_the_applications() throws Exception {
        runner().run(plan(configMap("ns", "config").build()));

        Manifest stored = cluster.stored(configMap("ns", "config").build().key()).orElseThrow();
        assertThat(stored.annotation("capstan.dev/tracking-id")).contains("shop:/ConfigMap:ns/config");
        assertThat(stored.label("capstan.dev/app")).contains("shop");
    }

    @Test
    void retries_transient_failures_with_growing_back_off() throws Exception {
        cluster.failNext("apply ConfigMap/ns/config", failure(Reason.TRANSIENT, "timeout"),
                failure(Reason.CONFLICT, "the object has been modified"));

        SyncState state = runner().run(plan(configMap("ns", "config").build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(cluster.log()).containsExactly(
                "apply ConfigMap/ns/config -> TRANSIENT", "apply ConfigMap/ns/config -> CONFLICT", "apply ConfigMap/ns/config");
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void fails_the_sync_after_the_last_attempt_and_runs_nothing_after_it() throws Exception {
        options = options.withMaxAttempts(2);
        cluster.failNext("apply ConfigMap/ns/config", failure(Reason.TRANSIENT, "timeout"),
                failure(Reason.TRANSIENT, "still timing out"));

        SyncState state = runner().run(plan(configMap("ns", "config").build(), deployment("ns", "web").wave(1).build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(state.message()).isEqualTo("one or more tasks failed: ConfigMap/ns/config: still timing out");
        assertThat(state.tasks()).extracting(result -> result.name() + "=" + result.status() + ":" + result.message())
                .containsExactly("config=FAILED:still timing out", "web=SKIPPED:not run: the sync failed");
    }

    @Test
    void stops_a_wave_at_the_kind_that_failed() throws Exception {
        cluster.failNext("apply ConfigMap/ns/config", failure(Reason.INVALID, "data: Invalid value"));

        SyncState state = runner().run(plan(configMap("ns", "config").build(), deployment("ns", "web").build()));

        assertThat(cluster.log()).containsExactly("apply ConfigMap/ns/config -> INVALID");
        assertThat(state.message()).contains("ConfigMap/ns/config: data: Invalid value");
    }

    @Test
    void reports_a_change_to_an_immutable_field_naming_the_object_and_the_server_message() throws Exception {
        cluster.put(deployment("ns", "web").trackedBy(APP).build());
        ResourceKey web = deployment("ns", "web").build().key();
        cluster.failNext("apply Deployment.apps/ns/web",
                new ClusterException(Reason.IMMUTABLE_FIELD, web, "spec.selector: Invalid value: field is immutable", null));

        SyncState state = runner().run(plan(live(deployment("ns", "web").build()), SyncOptions.defaults(), deployment("ns", "web").build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(state.message()).isEqualTo("one or more tasks failed: Deployment.apps/ns/web: cannot change an immutable field: "
                + "spec.selector: Invalid value: field is immutable (the sync option Force=true deletes and re-creates it)");
        assertThat(cluster.log()).doesNotContain("delete Deployment.apps/ns/web");
    }

    @Test
    void deletes_and_re_creates_an_object_on_an_immutable_field_with_force() throws Exception {
        Manifest web = deployment("ns", "web").syncOptions("Force=true").build();
        cluster.put(deployment("ns", "web").trackedBy(APP).build());
        cluster.failNext("apply Deployment.apps/ns/web",
                failure(Reason.IMMUTABLE_FIELD, "spec.selector: field is immutable"));

        SyncState state = runner().run(plan(live(deployment("ns", "web").build()), SyncOptions.defaults(), web));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(cluster.log()).containsExactly(
                "apply Deployment.apps/ns/web -> IMMUTABLE_FIELD", "delete Deployment.apps/ns/web", "apply Deployment.apps/ns/web");
        assertThat(state.tasks().getFirst().message()).isEqualTo("deleted and re-created (Force=true): spec.selector: field is immutable");
    }

    @Test
    void tries_a_custom_resource_again_until_the_server_serves_its_new_crd() throws Exception {
        Manifest crd = object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com").build()
                .with(o -> o.putObject("spec").put("group", "example.com").putObject("names").put("kind", "Widget"));
        cluster.failNext("apply Widget.example.com/ns/w", failure(Reason.UNKNOWN_KIND, "no matches for kind Widget"));

        SyncState state = runner().run(plan(crd, object("example.com/v1", "Widget", "ns", "w").build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(cluster.log()).containsExactly(
                "apply CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com",
                "apply Widget.example.com/ns/w -> UNKNOWN_KIND",
                "apply Widget.example.com/ns/w");
    }

    @Test
    void fails_at_once_an_object_of_a_kind_that_nothing_defines() throws Exception {
        cluster.failNext("apply Widget.example.com/ns/w", failure(Reason.UNKNOWN_KIND, "no matches for kind Widget"));

        SyncState state = runner().run(plan(object("example.com/v1", "Widget", "ns", "w").build()));

        assertThat(state.message()).isEqualTo("one or more tasks failed: Widget.example.com/ns/w: no matches for kind Widget");
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void replaces_objects_with_the_replace_option() throws Exception {
        cluster.put(configMap("ns", "config").trackedBy(APP).build());

        runner().run(plan(live(configMap("ns", "config").build()), SyncOptions.defaults().withReplace(true), configMap("ns", "config").build()));

        assertThat(cluster.log()).containsExactly("replace ConfigMap/ns/config");
    }

    @Test
    void a_dry_run_sends_every_change_as_a_dry_run_and_never_waits() throws Exception {
        Manifest gone = configMap("ns", "gone").trackedBy(APP).build();
        cluster.put(gone);
        Manifest pre = job("ns", "migrate").hook("PreSync").build();
        health.of(pre, Health.progressing("running"));

        SyncState state = runner().run(plan(live(gone), SyncOptions.defaults().withDryRun(true).withPrune(true),
                pre, configMap("ns", "config").build(), deployment("ns", "web").wave(1).build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(state.message()).isEqualTo("successfully synced (dry run)");
        assertThat(cluster.log()).containsExactly(
                "delete Job.batch/ns/migrate (dry run)",
                "apply Job.batch/ns/migrate (dry run)",
                "delete ConfigMap/ns/gone (dry run)",
                "apply ConfigMap/ns/config (dry run)",
                "apply Deployment.apps/ns/web (dry run)");
        assertThat(cluster.stored(gone.key())).isPresent();
        assertThat(cluster.stored(configMap("ns", "config").build().key())).isEmpty();
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void a_dry_run_passes_unchecked_a_custom_resource_whose_crd_the_sync_creates() throws Exception {
        Manifest crd = object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "", "widgets.example.com").build()
                .with(o -> o.putObject("spec").put("group", "example.com").putObject("names").put("kind", "Widget"));
        cluster.failNext("apply Widget.example.com/ns/w", failure(Reason.UNKNOWN_KIND, "no matches for kind Widget"));

        SyncState state = runner().run(plan(Map.of(), SyncOptions.defaults().withDryRun(true),
                crd, object("example.com/v1", "Widget", "ns", "w").build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(cluster.log()).containsExactly(
                "apply CustomResourceDefinition.apiextensions.k8s.io/widgets.example.com (dry run)",
                "apply Widget.example.com/ns/w (dry run) -> UNKNOWN_KIND");
        assertThat(state.tasks().getLast().message())
                .isEqualTo("created (dry run; not checked by the server: its CustomResourceDefinition is created by this sync)");
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void a_dry_run_passes_unchecked_an_object_whose_namespace_the_sync_creates() throws Exception {
        cluster.failNext("apply ConfigMap/ns/config", failure(Reason.NOT_FOUND, "namespaces \"ns\" not found"));
        cluster.failNext("apply ConfigMap/elsewhere/other", failure(Reason.NOT_FOUND, "namespaces \"elsewhere\" not found"));

        SyncState state = runner().run(plan(Map.of(), SyncOptions.defaults().withDryRun(true).withCreateNamespace(true),
                configMap("ns", "config").build(), configMap("elsewhere", "other").build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(state.message()).isEqualTo("one or more tasks failed: ConfigMap/elsewhere/other: namespaces \"elsewhere\" not found");
        assertThat(state.tasks()).filteredOn(result -> result.name().equals("config")).extracting(TaskResult::message)
                .containsExactly("created (dry run; not checked by the server: its namespace is created by this sync)");
    }

    @Test
    void prunes_only_objects_still_tracked_by_the_application() throws Exception {
        Manifest gone = configMap("ns", "gone").trackedBy(APP).build();
        Manifest adopted = configMap("ns", "adopted").trackedBy(APP).build();
        SyncPlan plan = plan(live(gone, adopted), SyncOptions.defaults().withPrune(true), configMap("ns", "kept").build());
        cluster.put(gone);
        cluster.put(configMap("ns", "adopted").trackedBy("billing").build());

        SyncState state = runner().run(plan);

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(cluster.log()).containsExactly("delete ConfigMap/ns/gone", "apply ConfigMap/ns/kept");
        assertThat(cluster.stored(adopted.key())).isPresent();
        assertThat(state.tasks()).extracting(result -> result.name() + "=" + result.status() + ":" + result.message())
                .contains("adopted=SKIPPED:not pruned: not tracked by application shop", "gone=SUCCEEDED:pruned");
    }

    @Test
    void runs_a_hook_to_completion_and_deletes_it_when_it_succeeded() throws Exception {
        Manifest migrate = job("ns", "migrate").hook("PreSync").deletePolicy("HookSucceeded").build();
        health.of(migrate, Health.progressing("running"), Health.healthy("complete"));

        SyncState state = runner().run(plan(migrate, configMap("ns", "config").build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(cluster.log()).containsExactly(
                "apply Job.batch/ns/migrate",
                "health Job.batch/ns/migrate Progressing",
                "health Job.batch/ns/migrate Healthy",
                "delete Job.batch/ns/migrate",
                "apply ConfigMap/ns/config");
        assertThat(cluster.stored(migrate.key())).isEmpty();
        assertThat(state.resultOf(new SyncPlanner().plan(SyncRequest.of(APP, "ns", List.of(migrate), Map.of())).tasks().getFirst()))
                .hasValueSatisfying(result -> assertThat(result.message()).isEqualTo("Healthy: complete (deleted by HookSucceeded)"));
    }

    @Test
    void deletes_an_earlier_hook_object_before_creating_the_hook_again() throws Exception {
        Manifest migrate = job("ns", "migrate").hook("PreSync").build();
        cluster.put(job("ns", "migrate").hook("PreSync").trackedBy(APP).annotate("run", "last-week").build());

        runner().run(plan(migrate));

        assertThat(cluster.log()).startsWith("delete Job.batch/ns/migrate", "apply Job.batch/ns/migrate");
        assertThat(cluster.stored(migrate.key()).orElseThrow().annotations()).doesNotContainKey("run");
    }

    @Test
    void a_failing_hook_fails_the_sync_after_the_sync_fail_hooks_ran() throws Exception {
        Manifest migrate = job("ns", "migrate").hook("PreSync").deletePolicy("HookFailed").build();
        Manifest alert = job("ns", "alert").hook("SyncFail").build();
        health.of(migrate, Health.degraded("BackoffLimitExceeded"));

        SyncState state = runner().run(plan(migrate, configMap("ns", "config").build(), alert));

        assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(state.message()).isEqualTo("one or more tasks failed: Job.batch/ns/migrate: Degraded: BackoffLimitExceeded (deleted by HookFailed)");
        assertThat(cluster.log()).containsExactly(
                "apply Job.batch/ns/migrate",
                "health Job.batch/ns/migrate Degraded",
                "delete Job.batch/ns/migrate",
                "delete Job.batch/ns/alert",
                "apply Job.batch/ns/alert",
                "health Job.batch/ns/alert Healthy");
        assertThat(cluster.stored(configMap("ns", "config").build().key())).isEmpty();
    }

    @Test
    void fails_a_wave_that_does_not_become_healthy_in_time() throws Exception {
        Manifest web = deployment("ns", "web").build();
        health.of(web, Health.progressing("0 of 2 replicas available"));

        SyncState state = runner().run(plan(web, configMap("ns", "after").wave(1).build()));

        assertThat(state.phase()).isEqualTo(OperationPhase.FAILED);
        assertThat(state.message()).isEqualTo(
                "one or more tasks failed: Deployment.apps/ns/web: not healthy after PT2M: Progressing: 0 of 2 replicas available");
        assertThat(clock.sleeps()).hasSize(24);
    }

    @Test
    void resumes_from_a_saved_state_with_the_wave_after_the_last_one_done() throws Exception {
        List<Manifest> desired = IntStream.rangeClosed(0, 3).mapToObj(wave -> configMap("ns", "wave-" + wave).wave(wave).build()).toList();
        SyncPlan plan = plan(desired.toArray(Manifest[]::new));
        SyncState state = SyncState.start(plan, clock.instant()).reached(SyncPhase.SYNC, 2);
        for (SyncTask task : plan.tasks().subList(0, 3)) {
            state = state.with(TaskResult.of(task, TaskStatus.SUCCEEDED, "configured"));
        }
        JsonMapper json = JsonMapper.builder().build();
        SyncState saved = json.readValue(json.writeValueAsString(state), SyncState.class);

        SyncState finished = runner().resume(plan, saved);

        assertThat(cluster.log()).containsExactly("apply ConfigMap/ns/wave-3");
        assertThat(finished.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(finished.wave()).isEqualTo(3);
    }

    @Test
    void tells_the_listener_of_each_phase_wave_and_task() throws Exception {
        Manifest migrate = job("ns", "migrate").hook("PreSync").deletePolicy("HookSucceeded").build();

        runner().run(plan(migrate, configMap("ns", "config").build(), deployment("ns", "web").wave(1).build()));

        assertThat(events).containsSubsequence(
                "phase PreSync", "wave PreSync/0", "running Job.batch/ns/migrate", "done Job.batch/ns/migrate SUCCEEDED",
                "phase Sync", "wave Sync/0", "running ConfigMap/ns/config", "done ConfigMap/ns/config SUCCEEDED",
                "wave Sync/1", "done Deployment.apps/ns/web SUCCEEDED", "finished SUCCEEDED");
        assertThat(events).filteredOn(event -> event.startsWith("state")).isNotEmpty();
    }

    @Test
    void writes_the_objects_of_one_kind_in_parallel_within_the_limit() throws Exception {
        options = options.withParallelism(4);
        CyclicBarrier fourAtOnce = new CyclicBarrier(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        cluster.beforeEachWrite(call -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                fourAtOnce.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("fewer than four writes ran at once", e);
            } finally {
                inFlight.decrementAndGet();
            }
        });

        SyncState state = runner().run(plan(IntStream.range(0, 16).mapToObj(i -> configMap("ns", "c" + i).build()).toArray(Manifest[]::new)));

        assertThat(state.phase()).isEqualTo(OperationPhase.SUCCEEDED);
        assertThat(mostInFlight.get()).isEqualTo(4);
    }

    private SyncRunner runner() {
        return new SyncRunner(cluster, health, options, clock, clock.sleeper(), new RecordingListener());
    }

    private static SyncPlan plan(Manifest... desired) {
        return plan(Map.of(), SyncOptions.defaults(), desired);
    }

    private static SyncPlan plan(Map<ResourceKey, Manifest> live, SyncOptions options, Manifest... desired) {
        return new SyncPlanner().plan(SyncRequest.of(APP, "ns", List.of(desired), live).withOptions(options));
    }

    private static ClusterException failure(Reason reason, String message) {
        return new ClusterException(reason, null, message, null);
    }

    private final class RecordingListener implements SyncListener {
        @Override
        public void phaseStarted(SyncPhase phase) {
            events.add("phase " + phase);
        }

        @Override
        public void waveStarted(SyncPhase phase, int wave) {
            events.add("wave " + phase + "/" + wave);
        }

        @Override
        public void taskRunning(TaskResult result) {
            events.add("running " + result.key());
        }

        @Override
        public void taskDone(TaskResult result) {
            events.add("done " + result.key() + " " + result.status());
        }

        @Override
        public void stateChanged(SyncState state) {
            events.add("state " + state.phase());
        }

        @Override
        public void finished(SyncState state) {
            events.add("finished " + state.phase());
        }
    }
}
