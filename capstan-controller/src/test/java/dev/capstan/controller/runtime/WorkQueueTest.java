package dev.capstan.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.capstan.git.GitException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WorkQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ManualTimer timer = new ManualTimer();
    private final WorkQueue<String> queue = new WorkQueue<>(WorkQueue.Options.defaults().withName("test")
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
            .withExpectedFailure(failure -> failure instanceof IllegalStateException), timer);
    private final List<String> runs = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutDown() {
        queue.shutdown(WAIT);
    }

    @Test
    void a_key_added_again_while_it_waits_is_queued_once() {
        queue.add("a");
        queue.add("b");
        queue.add("a");

        assertThat(queue.metrics().depth()).isEqualTo(2);
        assertThat(queue.metrics().adds()).isEqualTo(2);

        queue.start(1, recordingDone());

        awaitProcessed(2);
        assertThat(runs).containsExactly("a", "b");
    }

    @Test
    void a_key_added_while_it_runs_runs_once_more_after_the_run_ends() {
        var firstRunMayEnd = new CountDownLatch(1);
        queue.start(2, key -> {
            runs.add("start " + key);
            if (runs.size() == 1) {
                firstRunMayEnd.await();
            }
            runs.add("end " + key);
            return Result.done();
        });

        queue.add("a");
        await().atMost(WAIT).until(() -> queue.metrics().inFlight() == 1);
        queue.add("a");
        queue.add("a");
        queue.add("a");

        assertThat(queue.metrics().depth()).as("a running key is not queued again until it ends").isZero();
        firstRunMayEnd.countDown();
        awaitProcessed(2);
        assertThat(runs).containsExactly("start a", "end a", "start a", "end a");
    }

    @Test
    void a_key_is_never_reconciled_by_two_workers_at_once() throws InterruptedException {
        var firstRunOfA = new CountDownLatch(1);
        var mayEnd = new CountDownLatch(1);
        var concurrentRunsOfA = new AtomicInteger();
        var mostConcurrentRunsOfA = new AtomicInteger();
        queue.start(4, key -> {
            runs.add(key);
            if (key.equals("a")) {
                mostConcurrentRunsOfA.accumulateAndGet(concurrentRunsOfA.incrementAndGet(), Math::max);
                firstRunOfA.countDown();
                mayEnd.await();
                concurrentRunsOfA.decrementAndGet();
            }
            return Result.done();
        });

        queue.add("a");
        assertThat(firstRunOfA.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        queue.add("a");
        queue.add("b");
        // Idle workers take keys in order: had "a" been queued again, it would have run before "b".
        awaitProcessed(1);
        assertThat(runs).containsExactly("a", "b");

        mayEnd.countDown();
        awaitProcessed(3);
        assertThat(runs).containsExactly("a", "b", "a");
        assertThat(mostConcurrentRunsOfA).hasValue(1);
    }

    @Test
    void never_more_than_the_given_number_of_workers_reconcile_at_once() {
        var inFlight = new AtomicInteger();
        var mostInFlight = new AtomicInteger();
        var mayEnd = new CountDownLatch(1);
        queue.start(3, key -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            mayEnd.await();
            inFlight.decrementAndGet();
            return Result.done();
        });

        for (int i = 0; i < 20; i++) {
            queue.add("key-" + i);
        }

        await().atMost(WAIT).until(() -> inFlight.get() == 3);
        assertThat(queue.metrics().inFlight()).isEqualTo(3);
        assertThat(queue.metrics().depth()).isEqualTo(17);
        mayEnd.countDown();
        awaitProcessed(20);
        assertThat(mostInFlight).hasValue(3);
    }

    @Test
    void a_failing_key_is_retried_after_a_delay_that_doubles_and_stops_at_the_maximum() {
        queue.start(1, key -> {
            runs.add(key);
            throw new IllegalStateException("broken");
        });

        queue.add("a");
        awaitProcessed(1);
        long processed = 1;
        for (long millis : new long[] {100, 200, 400, 800, 1000, 1000}) {
            timer.advance(Duration.ofMillis(millis - 1));
            assertThat(queue.metrics().waiting()).as("waiting before %d ms have passed", millis).isEqualTo(1);
            assertThat(queue.metrics().processed()).isEqualTo(processed);

            timer.advance(Duration.ofMillis(1));
            awaitProcessed(++processed);
        }
        assertThat(queue.retries("a")).isEqualTo(7);
        assertThat(queue.metrics().retries()).isEqualTo(7);
    }

    @Test
    void forget_resets_the_back_off_of_a_failing_key() {
        queue.start(1, key -> {
            throw new IllegalStateException("broken");
        });
        queue.add("a");
        awaitProcessed(1);
        timer.advance(Duration.ofMillis(100));
        awaitProcessed(2);
        timer.advance(Duration.ofMillis(200));
        awaitProcessed(3);
        assertThat(queue.retries("a")).isEqualTo(3);

        queue.forget("a");

        assertThat(queue.retries("a")).isZero();
        timer.advance(Duration.ofMillis(400));
        awaitProcessed(4);
        assertThat(queue.retries("a")).isEqualTo(1);
        timer.advance(Duration.ofMillis(99));
        assertThat(queue.metrics().waiting()).isEqualTo(1);
        timer.advance(Duration.ofMillis(1));
        awaitProcessed(5);
    }

    @Test
    void a_run_that_succeeds_resets_the_failure_count() {
        var attempts = new AtomicInteger();
        queue.start(1, key -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return Result.done();
        });

        queue.add("a");
        awaitProcessed(1);
        timer.advance(Duration.ofMillis(100));
        awaitProcessed(2);
        assertThat(queue.retries("a")).isEqualTo(2);
        timer.advance(Duration.ofMillis(200));
        awaitProcessed(3);

        assertThat(queue.retries("a")).isZero();
        assertThat(queue.metrics().waiting()).isZero();
    }

    @Test
    void a_run_that_asks_to_requeue_runs_again_when_the_delay_has_passed() {
        var attempts = new AtomicInteger();
        queue.start(1, key -> attempts.incrementAndGet() == 1 ? Result.requeueAfter(Duration.ofSeconds(30)) : Result.done());

        queue.add("a");
        awaitProcessed(1);
        timer.advance(Duration.ofSeconds(29));
        assertThat(queue.metrics().waiting()).isEqualTo(1);
        assertThat(queue.metrics().processed()).isEqualTo(1);

        timer.advance(Duration.ofSeconds(1));
        awaitProcessed(2);
        assertThat(queue.metrics().retries()).as("a requeue is not a retry").isZero();
    }

    @Test
    void long_delays_end_on_a_shared_step_and_short_ones_stay_exact() {
        long second = 1_000_000_000L;
        assertThat(WorkQueue.coalesced(7 * second + 1, Duration.ofSeconds(19))).as("under 20 s: exact").isEqualTo(7 * second + 1);
        assertThat(WorkQueue.coalesced(62 * second + 1, Duration.ofMinutes(1))).as("a twentieth of a minute: 3 s").isEqualTo(60 * second);
        assertThat(WorkQueue.coalesced(63 * second, Duration.ofMinutes(1))).as("already on a step").isEqualTo(63 * second);
        assertThat(WorkQueue.coalesced(184 * second, Duration.ofMinutes(10))).as("at most 5 s").isEqualTo(180 * second);
        assertThat(WorkQueue.step(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(3));
        assertThat(WorkQueue.step(Duration.ofSeconds(19))).isZero();
    }

    @Test
    void polls_added_a_moment_apart_fall_due_in_one_wake_up() {
        queue.addAfter("a", Duration.ofMinutes(1)); // the clock started at 1 s: due at 61 s, on the step at 60 s
        timer.advance(Duration.ofMillis(700));
        queue.addAfter("b", Duration.ofMinutes(1)); // due at 61.7 s, on the same step
        timer.advance(Duration.ofMillis(58_200)); // now 59.9 s
        assertThat(queue.metrics().waiting()).isEqualTo(2);

        timer.advance(Duration.ofMillis(100));
        assertThat(queue.metrics().waiting()).as("both due at 60 s").isZero();
        assertThat(queue.metrics().depth()).isEqualTo(2);
        queue.start(1, recordingDone());

        awaitProcessed(2);
        assertThat(runs).containsExactly("a", "b");
    }

    @Test
    void delayed_keys_are_queued_in_the_order_they_fall_due() {
        queue.addAfter("c", Duration.ofSeconds(3));
        queue.addAfter("a", Duration.ofSeconds(1));
        queue.addAfter("b", Duration.ofSeconds(2));
        assertThat(queue.metrics().waiting()).isEqualTo(3);
        assertThat(queue.metrics().depth()).isZero();

        timer.advance(Duration.ofSeconds(5));
        queue.start(1, recordingDone());

        awaitProcessed(3);
        assertThat(runs).containsExactly("a", "b", "c");
    }

    @Test
    void a_key_delayed_twice_is_queued_once_at_the_earlier_time() {
        queue.addAfter("a", Duration.ofSeconds(10));
        queue.addAfter("a", Duration.ofSeconds(3));
        queue.addAfter("a", Duration.ofSeconds(5));
        assertThat(queue.metrics().waiting()).isEqualTo(1);

        timer.advance(Duration.ofMillis(2_999));
        assertThat(queue.metrics().depth()).isZero();
        timer.advance(Duration.ofMillis(1));

        assertThat(queue.metrics().depth()).isEqualTo(1);
        assertThat(queue.metrics().waiting()).isZero();
        assertThat(timer.pending()).as("no later timer left for the key").isZero();
    }

    @Test
    void a_key_delayed_by_zero_is_queued_at_once() {
        queue.addAfter("a", Duration.ZERO);

        assertThat(queue.metrics().depth()).isEqualTo(1);
        assertThat(queue.metrics().waiting()).isZero();
    }

    @Test
    void shutdown_lets_the_run_in_flight_finish_and_takes_no_more_work() {
        var mayEnd = new CountDownLatch(1);
        var ended = new AtomicBoolean();
        queue.start(1, key -> {
            runs.add(key);
            mayEnd.await();
            ended.set(true);
            return Result.done();
        });
        queue.add("a");
        queue.add("b");
        queue.addAfter("c", Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> queue.metrics().inFlight() == 1);

        var shutdown = CompletableFuture.supplyAsync(() -> queue.shutdown(WAIT));

        await().atMost(WAIT).until(() -> queue.metrics().depth() == 0 && queue.metrics().waiting() == 0);
        await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> !shutdown.isDone());
        mayEnd.countDown();
        assertThat(shutdown.join()).isTrue();
        assertThat(ended).isTrue();
        queue.add("d");
        timer.advance(Duration.ofSeconds(2));
        assertThat(queue.metrics().depth()).isZero();
        assertThat(runs).containsExactly("a");
    }

    @Test
    void shutdown_interrupts_a_run_that_outlasts_the_timeout_and_says_so() {
        var interrupted = new AtomicBoolean();
        queue.start(1, key -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Result.done();
        });
        queue.add("a");
        await().atMost(WAIT).until(() -> queue.metrics().inFlight() == 1);

        assertThat(queue.shutdown(Duration.ofMillis(50))).isFalse();

        await().atMost(WAIT).untilTrue(interrupted);
        await().atMost(WAIT).until(() -> queue.metrics().inFlight() == 0);
        assertThat(queue.metrics().retries()).as("a run ended by shutdown is not retried").isZero();
    }

    @Test
    void a_queue_starts_once_and_not_after_shutdown() {
        queue.start(1, recordingDone());

        assertThatThrownBy(() -> queue.start(1, recordingDone())).isInstanceOf(IllegalStateException.class);
        queue.shutdown(WAIT);
        assertThatThrownBy(() -> queue.start(1, recordingDone())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void metrics_count_adds_retries_and_processing_time() {
        var attempts = new AtomicInteger();
        queue.start(1, key -> {
            timer.advance(Duration.ofMillis(5));
            if (key.equals("b") && attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("once");
            }
            return Result.done();
        });

        queue.add("a");
        queue.add("b");
        awaitProcessed(2);
        timer.advance(Duration.ofMillis(100));
        awaitProcessed(3);

        var metrics = queue.metrics();
        assertThat(metrics.adds()).isEqualTo(3);
        assertThat(metrics.retries()).isEqualTo(1);
        assertThat(metrics.processed()).isEqualTo(3);
        assertThat(metrics.processingNanos()).isEqualTo(Duration.ofMillis(15).toNanos());
        assertThat(metrics.depth()).isZero();
        assertThat(metrics.inFlight()).isZero();
    }

    @Test
    void a_failure_is_logged_once_with_the_key_and_a_stack_trace_only_when_unexpected() {
        Logger logger = (Logger) LoggerFactory.getLogger(WorkQueue.class);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        var defaultQueue = new WorkQueue<String>(WorkQueue.Options.defaults().withName("apps"), new ManualTimer());
        try {
            Map<String, RuntimeException> failures = Map.of(
                    "expected", new GitException(GitException.Reason.UNREACHABLE, "cannot reach https://git.example/repo"),
                    "unexpected", new ArithmeticException("a bug"));
            defaultQueue.start(1, key -> {
                throw failures.get(key);
            });

            defaultQueue.add("expected");
            defaultQueue.add("unexpected");
            await().atMost(WAIT).until(() -> defaultQueue.metrics().processed() == 2);

            assertThat(appender.list).hasSize(2).allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
            ILoggingEvent expected = appender.list.get(0);
            assertThat(expected.getFormattedMessage())
                    .isEqualTo("apps: reconcile of expected failed (attempt 1), retrying in 100 ms: "
                            + "cannot reach https://git.example/repo");
            assertThat(expected.getThrowableProxy()).isNull();
            ILoggingEvent unexpected = appender.list.get(1);
            assertThat(unexpected.getFormattedMessage())
                    .isEqualTo("apps: reconcile of unexpected failed (attempt 1), retrying in 100 ms");
            assertThat(unexpected.getThrowableProxy().getMessage()).isEqualTo("a bug");
        } finally {
            defaultQueue.shutdown(WAIT);
            logger.detachAppender(appender);
        }
    }

    private Reconciler<String> recordingDone() {
        return key -> {
            runs.add(key);
            return Result.done();
        };
    }

    private void awaitProcessed(long count) {
        await().atMost(WAIT).until(() -> queue.metrics().processed() == count);
    }
}
