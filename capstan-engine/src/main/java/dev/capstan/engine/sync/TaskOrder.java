package dev.capstan.engine.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The order of a plan's tasks: phase, wave, prunes before writes (as the runner does them), kind
 * ({@link KindOrder}; reversed for prunes), name. Then two dependencies are honoured whatever the
 * annotations say: a namespace is written before the first object in it, and a CRD before the
 * first object of its kind; each is pulled ahead into that object's phase and wave.
 */
final class TaskOrder {

    static final Comparator<SyncTask> ORDER = Comparator
            .comparing(SyncTask::phase)
            .thenComparingInt(SyncTask::wave)
            .thenComparing(task -> !task.isPrune())
            .thenComparingInt(task -> task.isPrune() ? -KindOrder.rankOf(task.kind()) : KindOrder.rankOf(task.kind()))
            .thenComparing(SyncTask::name)
            .thenComparing(SyncTask::namespace)
            .thenComparing(SyncTask::group);

    private TaskOrder() {
    }

    static List<SyncTask> sort(List<SyncTask> tasks) {
        List<SyncTask> sorted = new ArrayList<>(tasks);
        sorted.sort(ORDER);
        pullAhead(sorted, TaskOrder::namespaceProvided, TaskOrder::namespaceNeeded);
        pullAhead(sorted, TaskOrder::kindProvided, TaskOrder::kindNeeded);
        return List.copyOf(sorted);
    }

    /**
     * Moves each task that provides something (a namespace, a kind) to just before the first task
     * that needs it, into that task's phase and wave. Only tasks that write an object take part.
     */
    private static void pullAhead(List<SyncTask> tasks, Function<SyncTask, Optional<String>> provides,
            Function<SyncTask, Optional<String>> needs) {
        Map<String, Integer> firstNeed = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            SyncTask task = tasks.get(i);
            if (!task.action().writesObject()) {
                continue;
            }
            Optional<String> provided = provides.apply(task);
            if (provided.isPresent()) {
                Integer target = firstNeed.get(provided.get());
                if (target != null) {
                    SyncTask needer = tasks.get(target);
                    tasks.remove(i);
                    tasks.add(target, task.movedTo(needer.phase(), needer.wave()));
                    firstNeed.replaceAll((key, index) -> index >= target ? index + 1 : index);
                }
                continue;
            }
            int index = i;
            needs.apply(task).ifPresent(needed -> firstNeed.putIfAbsent(needed, index));
        }
    }

    private static Optional<String> namespaceProvided(SyncTask task) {
        return task.group().isEmpty() && task.kind().equals("Namespace") ? Optional.of(task.name()) : Optional.empty();
    }

    private static Optional<String> namespaceNeeded(SyncTask task) {
        return task.namespace().isEmpty() ? Optional.empty() : Optional.of(task.namespace());
    }

    private static Optional<String> kindProvided(SyncTask task) {
        return task.definedKind().map(kind -> kind.group() + "/" + kind.kind());
    }

    private static Optional<String> kindNeeded(SyncTask task) {
        return Optional.of(task.group() + "/" + task.kind());
    }
}
