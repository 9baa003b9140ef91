package dev.capstan.engine.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs the tasks of one step kind by kind, in plan order: the tasks of one kind in parallel on
 * virtual threads (at most {@code parallelism} at once), the next kind once they are all done. A
 * kind whose tasks failed stops the step, so that what depends on it (the CRs of a failed CRD, the
 * Deployment of a rejected ConfigMap) is not attempted.
 */
final class ParallelTasks {

    @FunctionalInterface
    interface Work {
        TaskResult perform(SyncTask task) throws InterruptedException;
    }

    private final int parallelism;

    ParallelTasks(int parallelism) {
        this.parallelism = parallelism;
    }

    List<TaskResult> kindByKind(List<SyncTask> tasks, Work work) throws InterruptedException {
        List<TaskResult> results = new ArrayList<>();
        for (List<SyncTask> kind : runsOfOneKind(tasks)) {
            List<TaskResult> done = inParallel(kind, work);
            results.addAll(done);
            if (done.stream().anyMatch(result -> result.status() == TaskStatus.FAILED)) {
                break;
            }
        }
        return results;
    }

    List<TaskResult> inParallel(List<SyncTask> tasks, Work work) throws InterruptedException {
        if (tasks.size() == 1) {
            return List.of(work.perform(tasks.getFirst()));
        }
        Semaphore permits = new Semaphore(parallelism);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TaskResult>> futures = tasks.stream().map(task -> executor.submit(() -> {
                permits.acquire();
                try {
                    return work.perform(task);
                } finally {
                    permits.release();
                }
            })).toList();
            List<TaskResult> results = new ArrayList<>();
            for (Future<TaskResult> future : futures) {
                results.add(resultOf(future));
            }
            return results;
        }
    }

    private static TaskResult resultOf(Future<TaskResult> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                case InterruptedException interrupted -> throw interrupted;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static List<List<SyncTask>> runsOfOneKind(List<SyncTask> tasks) {
        List<List<SyncTask>> runs = new ArrayList<>();
        for (SyncTask task : tasks) {
            if (runs.isEmpty() || !runs.getLast().getFirst().kind().equals(task.kind())) {
                runs.add(new ArrayList<>());
            }
            runs.getLast().add(task);
        }
        return runs;
    }
}
