package dev.capstan.controller.runtime;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Timer} whose clock moves only when a test calls {@link #advance}; the tasks that
 * fall due run then, in the order they fall due, on the thread that advanced the clock.
 */
final class ManualTimer implements Timer {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong(Task::due).thenComparingLong(Task::sequence));
    private long now = 1_000_000_000L;
    private long sequence;

    private record Task(long due, long sequence, Runnable action) {
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable action) {
        Task task = new Task(now + delay.toNanos(), sequence++, action);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves the clock forward, running each task that falls due on the way. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due() > target) {
                    now = target;
                    return;
                }
                tasks.remove();
                now = next.due();
            }
            next.action().run();
        }
    }

    synchronized int pending() {
        return tasks.size();
    }

    @Override
    public synchronized void close() {
        tasks.clear();
    }
}
