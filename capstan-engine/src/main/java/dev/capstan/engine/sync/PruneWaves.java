package dev.capstan.engine.sync;

import java.util.List;
import java.util.TreeSet;

/**
 * The waves prunes run in. Objects are removed in the reverse of the order they were created in:
 * the prune waves are mirrored (the object of the highest wave goes in the lowest prune wave, and
 * so on), and within a wave the kind order is reversed ({@link TaskOrder}). A prune marked
 * {@code PruneLast} (or every prune, with the application's option) moves to one wave after the
 * last wave of the Sync phase, so it runs once everything else is applied and healthy.
 */
final class PruneWaves {

    private PruneWaves() {
    }

    static List<SyncTask> assign(List<SyncTask> tasks, boolean pruneLastForAll) {
        List<SyncTask> mirrored = mirror(tasks);
        int lastWave = mirrored.stream()
                .filter(task -> task.phase() == SyncPhase.SYNC && !task.isSkipped())
                .mapToInt(SyncTask::wave)
                .max().orElse(0);
        int pruneLastWave = Math.max(lastWave, 0) + 1;
        return mirrored.stream()
                .map(task -> task.isPrune() && (pruneLastForAll || ResourceSyncOptions.of(task.manifest()).pruneLast())
                        ? withReason(task.movedTo(task.phase(), pruneLastWave), "PruneLast=true")
                        : task)
                .toList();
    }

    private static List<SyncTask> mirror(List<SyncTask> tasks) {
        List<Integer> waves = List.copyOf(new TreeSet<>(tasks.stream().filter(SyncTask::isPrune).map(SyncTask::wave).toList()));
        return tasks.stream()
                .map(task -> task.isPrune() ? task.movedTo(task.phase(), waves.get(waves.size() - 1 - waves.indexOf(task.wave()))) : task)
                .toList();
    }

    private static SyncTask withReason(SyncTask task, String reason) {
        return new SyncTask(task.phase(), task.wave(), task.kind(), task.group(), task.namespace(), task.name(),
                task.action(), reason, task.force(), task.deletePolicies(), task.manifest());
    }
}
