package dev.capstan.engine.sync;

import static dev.capstan.engine.sync.SyncPlannerTest.live;
import static dev.capstan.engine.sync.TestManifests.configMap;
import static dev.capstan.engine.sync.TestManifests.job;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.Health;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.sync.SyncStep.ApplyWave;
import dev.capstan.engine.sync.SyncStep.AwaitHealthy;
import dev.capstan.engine.sync.SyncStep.DeleteHooks;
import dev.capstan.engine.sync.SyncStep.Fail;
import dev.capstan.engine.sync.SyncStep.Finish;
import dev.capstan.engine.sync.SyncStep.Prune;
import dev.capstan.engine.sync.SyncStep.RunHooks;
import tools.jackson.databind.json.JsonMapper;

class SyncDeciderTest {

    private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");
    private static final Manifest A = configMap("ns", "a").build();
    private static final Manifest B = configMap("ns", "b").wave(1).build();
    private static final Manifest C = configMap("ns", "c").wave(2).build();

    private final SyncDecider decider = new SyncDecider();

    @Test
    void starts_a_wave_only_when_the_previous_one_is_healthy() {
        SyncPlan plan = plan(A, B, C);
        SyncState state = SyncState.start(plan, START);

        SyncStep first = decider.next(plan, state, Observations.none());
        assertThat(first).isEqualTo(new ApplyWave(SyncPhase.SYNC, 0, List.of(task(plan, A)), true));
        state = record(state, first, TaskStatus.RUNNING);

        assertThat(decider.next(plan, state, Observations.none())).isEqualTo(new AwaitHealthy(List.of(task(plan, A))));
        assertThat(decider.next(plan, state, seen(A, Health.progressing("rolling out")))).isInstanceOf(AwaitHealthy.class);

        SyncStep second = decider.next(plan, state, seen(A, Health.healthy("")));
        assertThat(second).isEqualTo(new ApplyWave(SyncPhase.SYNC, 1, List.of(task(plan, B)), true));
    }

    @Test
    void does_not_wait_for_the_resources_of_the_last_wave() {
        SyncPlan plan = plan(A, B);
        SyncState state = SyncState.start(plan, START).with(TaskResult.of(task(plan, A), TaskStatus.SUCCEEDED, ""));

        SyncStep last = decider.next(plan, state, Observations.none());
        assertThat(last).isEqualTo(new ApplyWave(SyncPhase.SYNC, 1, List.of(task(plan, B)), false));

        assertThat(decider.next(plan, record(state, last, TaskStatus.SUCCEEDED), Observations.none()))
                .isEqualTo(new Finish("successfully synced"));
    }

    @Test
    void waits_for_the_last_wave_when_it_has_hooks() {
        SyncPlan plan = plan(A, job("ns", "check").hook("Sync").deletePolicy("HookSucceeded").build());

        assertThat(decider.next(plan, SyncState.start(plan, START), Observations.none()))
                .isEqualTo(new ApplyWave(SyncPhase.SYNC, 0, List.of(task(plan, A)), true));
    }

    @Test
    void fails_when_an_object_becomes_degraded_naming_it() {
        SyncPlan plan = plan(A, B);
        SyncState state = record(SyncState.start(plan, START), decider.next(plan, SyncState.start(plan, START), Observations.none()), TaskStatus.RUNNING);

        SyncStep step = decider.next(plan, state, seen(A, Health.degraded("crash loop")));

        assertThat(step).isEqualTo(new Fail("one or more tasks failed: ConfigMap/ns/a: Degraded: crash loop"));
    }

    @Test
    void runs_pre_sync_hooks_then_the_resources_then_post_sync_hooks() {
        Manifest pre = job("ns", "migrate").hook("PreSync").build();
        Manifest post = job("ns", "smoke").hook("PostSync").build();
        SyncPlan plan = plan(pre, A, post);
        SyncState state = SyncState.start(plan, START);

        SyncStep step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new DeleteHooks(HookDeletePolicy.BEFORE_HOOK_CREATION, List.of(task(plan, pre))));
        state = state.with(TaskResult.of(task(plan, pre), TaskStatus.PENDING, "").withHookDeleted(""));

        step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new RunHooks(SyncPhase.PRE_SYNC, 0, List.of(task(plan, pre)), true));
        state = record(state, step, TaskStatus.RUNNING);

        assertThat(decider.next(plan, state, seen(pre, Health.progressing("running")))).isEqualTo(new AwaitHealthy(List.of(task(plan, pre))));
        state = state.observe(seen(pre, Health.healthy("complete")));

        step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new ApplyWave(SyncPhase.SYNC, 0, List.of(task(plan, A)), true));
        state = record(state, step, TaskStatus.SUCCEEDED);

        step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new DeleteHooks(HookDeletePolicy.BEFORE_HOOK_CREATION, List.of(task(plan, post))));
        state = state.with(TaskResult.of(task(plan, post), TaskStatus.PENDING, "").withHookDeleted(""));

        step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new RunHooks(SyncPhase.POST_SYNC, 0, List.of(task(plan, post)), true));
        state = record(state, step, TaskStatus.RUNNING);

        assertThat(decider.next(plan, state, seen(post, Health.healthy("complete")))).isInstanceOf(Finish.class);
    }

    @Test
    void a_failed_hook_fails_the_sync_once_the_sync_fail_hooks_have_run() {
        Manifest pre = job("ns", "migrate").hook("PreSync").deletePolicy("HookSucceeded").build();
        Manifest onFailure = job("ns", "alert").hook("SyncFail").deletePolicy("HookSucceeded").build();
        SyncPlan plan = plan(pre, A, onFailure);
        SyncState state = record(SyncState.start(plan, START), decider.next(plan, SyncState.start(plan, START), Observations.none()), TaskStatus.RUNNING);

        SyncStep step = decider.next(plan, state, seen(pre, Health.degraded("backoff limit reached")));
        assertThat(step).isEqualTo(new RunHooks(SyncPhase.SYNC_FAIL, 0, List.of(task(plan, onFailure)), true));
        state = record(state.observe(seen(pre, Health.degraded("backoff limit reached"))), step, TaskStatus.RUNNING);

        assertThat(decider.next(plan, state, Observations.none())).isEqualTo(new AwaitHealthy(List.of(task(plan, onFailure))));
        state = state.observe(seen(onFailure, Health.healthy("complete")));

        step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new DeleteHooks(HookDeletePolicy.HOOK_SUCCEEDED, List.of(task(plan, onFailure))));
        state = state.with(state.resultOf(task(plan, onFailure)).orElseThrow().withHookDeleted("deleted"));

        assertThat(decider.next(plan, state, Observations.none()))
                .isEqualTo(new Fail("one or more tasks failed: Job.batch/ns/migrate: Degraded: backoff limit reached"));
        assertThat(state.statusOf(task(plan, A))).isEqualTo(TaskStatus.PENDING);
    }

    @Test
    void reports_sync_fail_hooks_that_fail_too() {
        Manifest onFailure = job("ns", "alert").hook("SyncFail").deletePolicy("HookSucceeded").build();
        SyncPlan plan = plan(A, onFailure);
        SyncState state = SyncState.start(plan, START)
                .with(TaskResult.of(task(plan, A), TaskStatus.FAILED, "rejected"))
                .with(TaskResult.of(task(plan, onFailure), TaskStatus.FAILED, "no such image"));

        assertThat(decider.next(plan, state, Observations.none())).isEqualTo(new Fail(
                "one or more tasks failed: ConfigMap/ns/a: rejected; one or more SyncFail hooks failed: Job.batch/ns/alert: no such image"));
    }

    @Test
    void deletes_a_hook_that_succeeded_with_hook_succeeded_before_going_on() {
        Manifest pre = job("ns", "migrate").hook("PreSync").deletePolicy("HookSucceeded").build();
        SyncPlan plan = plan(pre, A);
        SyncState state = SyncState.start(plan, START).with(TaskResult.of(task(plan, pre), TaskStatus.SUCCEEDED, "complete"));

        assertThat(decider.next(plan, state, Observations.none()))
                .isEqualTo(new DeleteHooks(HookDeletePolicy.HOOK_SUCCEEDED, List.of(task(plan, pre))));
        state = state.with(state.resultOf(task(plan, pre)).orElseThrow().withHookDeleted("deleted"));
        assertThat(decider.next(plan, state, Observations.none())).isInstanceOf(ApplyWave.class);
    }

    @Test
    void deletes_a_hook_with_hook_failed_only_when_it_failed() {
        Manifest good = job("ns", "good").hook("PreSync").deletePolicy("HookFailed").build();
        Manifest bad = job("ns", "bad").hook("PreSync").deletePolicy("HookFailed").build();
        SyncPlan plan = plan(good, bad, A);
        SyncState state = SyncState.start(plan, START)
                .with(TaskResult.of(task(plan, good), TaskStatus.SUCCEEDED, "complete"))
                .with(TaskResult.of(task(plan, bad), TaskStatus.FAILED, "failed"));

        assertThat(decider.next(plan, state, Observations.none()))
                .isEqualTo(new DeleteHooks(HookDeletePolicy.HOOK_FAILED, List.of(task(plan, bad))));
    }

    @Test
    void deletes_an_earlier_hook_object_before_creating_the_hook_again() {
        Manifest pre = job("ns", "migrate").hook("PreSync").deletePolicy("BeforeHookCreation,HookSucceeded").build();
        SyncPlan plan = plan(pre);

        assertThat(decider.next(plan, SyncState.start(plan, START), Observations.none()))
                .isEqualTo(new DeleteHooks(HookDeletePolicy.BEFORE_HOOK_CREATION, List.of(task(plan, pre))));
    }

    @Test
    void prunes_before_writing_the_objects_of_the_same_wave() {
        Manifest gone = configMap("ns", "gone").trackedBy("shop").build();
        SyncPlan plan = new SyncPlanner().plan(SyncRequest.of("shop", "ns", List.of(A), live(gone))
                .withOptions(SyncOptions.defaults().withPrune(true)));
        SyncState state = SyncState.start(plan, START);

        SyncStep step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new Prune(SyncPhase.SYNC, 0, List.of(task(plan, gone))));
        state = record(state, step, TaskStatus.SUCCEEDED);

        assertThat(decider.next(plan, state, Observations.none())).isEqualTo(new ApplyWave(SyncPhase.SYNC, 0, List.of(task(plan, A)), false));
    }

    @Test
    void never_waits_in_a_dry_run() {
        Manifest post = job("ns", "smoke").hook("PostSync").deletePolicy("HookSucceeded").build();
        SyncPlan plan = plan(SyncOptions.defaults().withDryRun(true), A, B, post);
        SyncState state = SyncState.start(plan, START);

        SyncStep step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new ApplyWave(SyncPhase.SYNC, 0, List.of(task(plan, A)), false));
        state = record(state, step, TaskStatus.SUCCEEDED);
        step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new ApplyWave(SyncPhase.SYNC, 1, List.of(task(plan, B)), false));
        state = record(state, step, TaskStatus.SUCCEEDED);
        step = decider.next(plan, state, Observations.none());
        assertThat(step).isEqualTo(new RunHooks(SyncPhase.POST_SYNC, 0, List.of(task(plan, post)), false));
        state = record(state, step, TaskStatus.SUCCEEDED);

        assertThat(decider.next(plan, state, Observations.none())).isEqualTo(new Finish("successfully synced (dry run)"));
    }

    @Test
    void resumes_from_a_state_saved_as_json_after_wave_two() {
        Manifest d = configMap("ns", "d").wave(3).build();
        SyncPlan plan = plan(A, B, C, d);
        SyncState state = SyncState.start(plan, START).reached(SyncPhase.SYNC, 2);
        for (Manifest done : List.of(A, B, C)) {
            state = state.with(TaskResult.of(task(plan, done), TaskStatus.SUCCEEDED, "configured"));
        }
        JsonMapper json = JsonMapper.builder().build();

        String saved = json.writeValueAsString(state);
        SyncState restored = json.readValue(saved, SyncState.class);

        assertThat(saved).contains("\"phase\":\"RUNNING\"", "\"syncPhase\":\"Sync\"", "\"wave\":2", "\"startedAt\":\"2026-05-01T12:00:00Z\"",
                "{\"group\":\"\",\"kind\":\"ConfigMap\",\"namespace\":\"ns\",\"name\":\"c\",\"phase\":\"Sync\",\"wave\":2,"
                        + "\"action\":\"CREATE\",\"status\":\"SUCCEEDED\",\"message\":\"configured\",\"hookDeleted\":false}");
        assertThat(restored).isEqualTo(state);
        assertThat(decider.next(new SyncPlanner().plan(SyncRequest.of("shop", "ns", List.of(A, B, C, d), Map.of())), restored, Observations.none()))
                .isEqualTo(new ApplyWave(SyncPhase.SYNC, 3, List.of(task(plan, d)), false));
    }

    @Test
    void resumes_waiting_for_a_wave_that_was_running() {
        SyncPlan plan = plan(A, B);
        SyncState running = SyncState.start(plan, START).with(TaskResult.of(task(plan, A), TaskStatus.RUNNING, "configured"));
        JsonMapper json = JsonMapper.builder().build();

        SyncState restored = json.readValue(json.writeValueAsString(running), SyncState.class);

        assertThat(decider.next(plan, restored, Observations.none())).isEqualTo(new AwaitHealthy(List.of(task(plan, A))));
    }

    @Test
    void a_finished_sync_stays_finished() {
        SyncPlan plan = plan(A);
        SyncState failed = SyncState.start(plan, START).finished(OperationPhase.FAILED, "it broke", START);

        assertThat(decider.next(plan, failed, Observations.none())).isEqualTo(new Fail("it broke"));
        assertThat(failed.tasks()).extracting(TaskResult::status).containsExactly(TaskStatus.SKIPPED);
    }

    private static SyncPlan plan(Manifest... desired) {
        return plan(SyncOptions.defaults(), desired);
    }

    private static SyncPlan plan(SyncOptions options, Manifest... desired) {
        return new SyncPlanner().plan(SyncRequest.of("shop", "ns", List.of(desired), Map.of()).withOptions(options));
    }

    private static SyncTask task(SyncPlan plan, Manifest manifest) {
        ResourceKey key = manifest.key();
        return plan.tasks().stream().filter(task -> task.key().equals(key)).findFirst().orElseThrow();
    }

    private static Observations seen(Manifest manifest, Health health) {
        return Observations.of(Map.of(manifest.key(), health));
    }

    /** The state after the runner did {@code step} and every task of it ended in {@code status}. */
    private static SyncState record(SyncState state, SyncStep step, TaskStatus status) {
        List<SyncTask> tasks = switch (step) {
            case SyncStep.GroupStep group -> group.tasks();
            default -> throw new IllegalArgumentException("not a group step: " + step);
        };
        return state.with(tasks.stream().map(task -> TaskResult.of(task, status, "")).toList());
    }
}
