package dev.capstan.render.helm;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Copies a chart's directory out of a {@link SourceTree} so that Helm can read it from disk:
 * every file, subcharts in {@code charts/} included, within the render's {@link ReadBudget}.
 * Symbolic links are followed as the tree follows them (never out of its root); a link that
 * leads nowhere is left out, and a link back into a directory being copied is refused.
 */
final class ChartCopy {

    private final SourceTree tree;
    private final ReadBudget budget;
    private final Set<String> copying = new HashSet<>();

    private ChartCopy(SourceTree tree, ReadBudget budget) {
        this.tree = tree;
        this.budget = budget;
    }

    /**
     * @throws RenderException {@code NOT_FOUND} when {@code chart} is not a directory holding a Chart.yaml
     */
    static void copy(SourceTree tree, String chart, Path target, ReadBudget budget) {
        Optional<Entry> found = tree.resolve(chart);
        if (found.isEmpty() || !found.get().isDirectory()) {
            throw new RenderException(Reason.NOT_FOUND, new Origin(chart, 0), "no such directory; a Helm source's path is its chart's directory");
        }
        if (tree.resolve(join(chart, "Chart.yaml")).filter(Entry::isFile).isEmpty()) {
            throw new RenderException(Reason.NOT_FOUND, new Origin(chart, 0), "no Chart.yaml here; a Helm source's path is its chart's directory");
        }
        new ChartCopy(tree, budget).directory(found.get().path(), chart, target);
    }

    private void directory(String resolved, String named, Path target) {
        if (!copying.add(resolved)) {
            throw new RenderException(Reason.INVALID_OBJECT, new Origin(named, 0), "a symbolic link leads back into " + resolved + ", making the chart endless");
        }
        mkdirs(target);
        for (Entry entry : tree.list(resolved)) {
            String name = entry.name();
            String path = join(named, name);
            Entry followed = entry.isSymlink() ? tree.resolve(entry.path()).orElse(null) : entry;
            if (followed == null) {
                continue;
            }
            if (followed.isDirectory()) {
                directory(followed.path(), path, target.resolve(name));
            } else if (followed.isFile()) {
                byte[] bytes = tree.read(followed.path(), budget.maxFileBytes());
                budget.spend(path, bytes.length);
                write(target.resolve(name), bytes);
            }
        }
        copying.remove(resolved);
    }

    static String join(String directory, String name) {
        return directory.isEmpty() || directory.equals(".") ? name : directory + "/" + name;
    }

    private static void mkdirs(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
