package dev.capstan.controller.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys a controller has to reconcile, and the workers that reconcile them.
 *
 * <p>Events only say <em>which</em> object to look at; the reconciler reads the current state
 * itself. So a key waiting in the queue is there once however often it is added, and a key is
 * never reconciled by two workers at once: added again while it runs, it runs once more after
 * the current run ends (so the change that caused the add is not missed). A run that throws is
 * retried with per-key exponential back-off; a run that succeeds resets the key's failure count
 * and may ask to run again after a delay. Keys added with a delay wait outside the queue until
 * they are due; added twice with a delay, the earlier time wins. A key may wait with a delay and
 * be queued at the same time; it then runs both times. Delays of 20 seconds and more end on the
 * whole multiple of a second or a few before them, so that keys falling due together run in one
 * wake-up ({@link #coalesced}).
 *
 * <p>The queue's time comes from a {@link Timer}, so tests drive delays by hand. The counters
 * in {@link #metrics()} are there for the controller's metrics.
 *
 * @param <K> the key type; keys are compared with {@code equals}
 */
public final class WorkQueue<K> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long COALESCE_FRACTION = 20;
    private static final Duration COALESCE_LIMIT = Duration.ofSeconds(5);

    /**
     * How a queue retries and names itself.
     *
     * @param name names the queue's threads and log lines, such as {@code applications}
     * @param baseDelay the wait before the first retry of a failed key; each further failure
     *     in a row doubles it
     * @param maxDelay the longest wait between retries
     * @param jitter between 0 (off) and 1: each retry delay grows by a random part of up to
     *     this fraction of itself
     * @param expectedFailure the failures that are part of life: logged with their message only,
     *     where other failures are logged with their stack trace
     */
    public record Options(String name, Duration baseDelay, Duration maxDelay, double jitter,
            Predicate<Throwable> expectedFailure) {

        public Options {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a work queue needs a name");
            }
            new Backoff(baseDelay, maxDelay, jitter);
            Objects.requireNonNull(expectedFailure, "expectedFailure");
        }

        /** 100 ms doubling up to 5 minutes, no jitter; Capstan's classified exceptions are expected. */
        public static Options defaults() {
            return new Options("workqueue", Duration.ofMillis(100), Duration.ofMinutes(5), 0,
                    ExpectedFailures::isExpected);
        }

        public Options withName(String name) {
            return new Options(name, baseDelay, maxDelay, jitter, expectedFailure);
        }

        public Options withBackoff(Duration baseDelay, Duration maxDelay) {
            return new Options(name, baseDelay, maxDelay, jitter, expectedFailure);
        }

        public Options withJitter(double jitter) {
            return new Options(name, baseDelay, maxDelay, jitter, expectedFailure);
        }

        public Options withExpectedFailure(Predicate<Throwable> expectedFailure) {
            return new Options(name, baseDelay, maxDelay, jitter, expectedFailure);
        }

        Backoff backoff() {
            return new Backoff(baseDelay, maxDelay, jitter);
        }
    }

    /**
     * A consistent snapshot of the queue's counters.
     *
     * @param depth keys queued and not yet taken by a worker
     * @param waiting keys waiting for a delay (a requeue or a retry) to pass
     * @param inFlight keys being reconciled now
     * @param adds keys added to the queue since it was made, not counting adds of a key already
     *     queued
     * @param retries failed runs requeued with back-off since the queue was made
     * @param processed runs finished since the queue was made, whatever their outcome
     * @param processingNanos the time those runs took, in total
     */
    public record Metrics(long depth, long waiting, long inFlight, long adds, long retries, long processed,
            long processingNanos) {
    }

    /** A key waiting for its delay; {@code due} is on the timer's clock. */
    private record Delayed(long due, Timer.Scheduled scheduled) {
    }

    private final String name;
    private final Backoff backoff;
    private final Predicate<Throwable> expectedFailure;
    private final Timer timer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    /** Keys that need a run: queued, or running and to run again. */
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Delayed> delayed = new HashMap<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private boolean shuttingDown;
    private long adds;
    private long retries;
    private long processed;
    private long processingNanos;

    WorkQueue(Options options, Timer timer) {
        this.name = options.name();
        this.backoff = options.backoff();
        this.expectedFailure = options.expectedFailure();
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** A queue on the system clock; call {@link #start} to have it reconcile. */
    public static <K> WorkQueue<K> create(Options options) {
        return new WorkQueue<>(options, new SystemTimer("capstan-" + options.name() + "-timer"));
    }

    /** Queues the key unless it is queued already; a no-op once the queue is shutting down. */
    public void add(K key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            addLocked(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues the key once {@code delay} has passed (at once when it is zero or negative). If the
     * key already waits to be queued, the earlier of the two times wins.
     */
    public void addAfter(K key, Duration delay) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(delay, "delay");
        lock.lock();
        try {
            addAfterLocked(key, delay);
        } finally {
            lock.unlock();
        }
    }

    /** Resets the key's failure count, so its next failure is retried after the base delay. */
    public void forget(K key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** How many times in a row the key has failed since it last succeeded or was forgotten. */
    public int retries(K key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts {@code workers} virtual threads that take keys and reconcile them, so at most that
     * many keys are reconciled at once. A queue starts once.
     */
    public void start(int workers, Reconciler<? super K> reconciler) {
        if (workers < 1) {
            throw new IllegalArgumentException("a work queue needs at least one worker: " + workers);
        }
        Objects.requireNonNull(reconciler, "reconciler");
        lock.lock();
        try {
            if (shuttingDown) {
                throw new IllegalStateException("work queue " + name + " is shut down");
            }
            if (!this.workers.isEmpty()) {
                throw new IllegalStateException("work queue " + name + " is started already");
            }
            for (int i = 1; i <= workers; i++) {
                this.workers.add(Thread.ofVirtual().name("capstan-" + name + "-worker-" + i)
                        .start(() -> work(reconciler)));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking work: drops queued and delayed keys, ignores later adds, and waits up to
     * {@code timeout} for the runs in flight to finish. Runs still going after that are
     * interrupted.
     *
     * @return whether every run finished within the timeout
     */
    public boolean shutdown(Duration timeout) {
        List<Thread> running;
        lock.lock();
        try {
            shuttingDown = true;
            delayed.values().forEach(waiting -> waiting.scheduled().cancel());
            delayed.clear();
            queue.clear();
            dirty.clear();
            workAvailable.signalAll();
            running = List.copyOf(workers);
        } finally {
            lock.unlock();
        }
        timer.close();
        boolean finished = awaitAll(running, timeout);
        if (!finished) {
            LOG.warn("{}: reconciles still running {} after shutdown; interrupting them", name, describe(timeout));
            running.forEach(Thread::interrupt);
        }
        return finished;
    }

    /** {@link #shutdown} with a timeout of 30 seconds. */
    @Override
    public void close() {
        shutdown(CLOSE_TIMEOUT);
    }

    /** The counters, read together. */
    public Metrics metrics() {
        lock.lock();
        try {
            return new Metrics(queue.size(), delayed.size(), processing.size(), adds, retries, processed,
                    processingNanos);
        } finally {
            lock.unlock();
        }
    }

    private void addLocked(K key) {
        if (shuttingDown || !dirty.add(key)) {
            return;
        }
        adds++;
        if (!processing.contains(key)) {
            queue.addLast(key);
            workAvailable.signal();
        }
    }

    private void addAfterLocked(K key, Duration delay) {
        if (shuttingDown) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            addLocked(key);
            return;
        }
        long now = timer.nanoTime();
        long due = coalesced(now + delay.toNanos(), delay);
        Delayed existing = delayed.get(key);
        if (existing != null) {
            if (existing.due() - due <= 0) {
                return;
            }
            existing.scheduled().cancel();
        }
        delayed.put(key, new Delayed(due, timer.schedule(Duration.ofNanos(due - now), () -> delayPassed(key, due))));
    }

    /**
     * {@code due}, moved earlier to a whole multiple of a twentieth of {@code delay} in whole
     * seconds, at most {@link #COALESCE_LIMIT}, when that is at least a second: so the polls of
     * many keys (500 applications polled each minute) fall due together, a few wake-ups of the
     * timer and the workers a minute rather than one per key. Earlier, not later, so a key
     * polled every minute still is (a run's own duration does not push the next one to the
     * following step). Shorter delays are kept exact.
     */
    static long coalesced(long due, Duration delay) {
        long step = step(delay).toNanos();
        if (step <= 0) {
            return due;
        }
        return due - Math.floorMod(due, step);
    }

    /**
     * How much earlier than asked a key added with {@code delay} may run (zero for delays under
     * 20 s): what one who counts on a run every {@code delay} should allow for.
     */
    public static Duration step(Duration delay) {
        return Duration.ofSeconds(Math.min(delay.toSeconds() / COALESCE_FRACTION, COALESCE_LIMIT.toSeconds()));
    }

    private void delayPassed(K key, long due) {
        lock.lock();
        try {
            Delayed waiting = delayed.get(key);
            if (waiting != null && waiting.due() == due) {
                delayed.remove(key);
                addLocked(key);
            }
        } finally {
            lock.unlock();
        }
    }

    private void work(Reconciler<? super K> reconciler) {
        for (K key = next(); key != null; key = next()) {
            reconcile(key, reconciler);
        }
    }

    /** The next key to reconcile, marked in flight; null once the queue shuts down. */
    private K next() {
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                workAvailable.await();
            }
            if (shuttingDown) {
                return null;
            }
            K key = queue.removeFirst();
            dirty.remove(key);
            processing.add(key);
            return key;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void reconcile(K key, Reconciler<? super K> reconciler) {
        long started = timer.nanoTime();
        try {
            Result result = reconciler.reconcile(key);
            succeeded(key, Objects.requireNonNull(result, "the reconciler returned no result"));
        } catch (Exception | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            failed(key, e);
        } finally {
            finished(key, timer.nanoTime() - started);
        }
    }

    private void succeeded(K key, Result result) {
        lock.lock();
        try {
            failures.remove(key);
            if (result instanceof Result.RequeueAfter(Duration delay)) {
                addAfterLocked(key, delay);
            }
        } finally {
            lock.unlock();
        }
    }

    private void failed(K key, Throwable failure) {
        int attempt;
        Duration delay;
        lock.lock();
        try {
            if (shuttingDown) {
                LOG.debug("{}: reconcile of {} ended by shutdown: {}", name, key, failure.toString());
                return;
            }
            attempt = failures.merge(key, 1, Integer::sum);
            delay = backoff.delay(attempt - 1, ThreadLocalRandom.current()::nextDouble);
            retries++;
            addAfterLocked(key, delay);
        } finally {
            lock.unlock();
        }
        if (expectedFailure.test(failure)) {
            LOG.warn("{}: reconcile of {} failed (attempt {}), retrying in {}: {}", name, key, attempt,
                    describe(delay), failure.getMessage() == null ? failure.toString() : failure.getMessage());
        } else {
            LOG.warn("{}: reconcile of {} failed (attempt {}), retrying in {}", name, key, attempt, describe(delay),
                    failure);
        }
    }

    /** The run of a key has ended: if it was added meanwhile, it goes to the back of the queue. */
    private void finished(K key, long nanos) {
        lock.lock();
        try {
            processing.remove(key);
            processed++;
            processingNanos += nanos;
            if (!shuttingDown && dirty.contains(key)) {
                queue.addLast(key);
                workAvailable.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean awaitAll(List<Thread> threads, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (Thread thread : threads) {
            try {
                all &= thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return all;
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
