package dev.capstan.render.jsonnet;

import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import scala.Option;
import sjsonnet.Path;
import sjsonnet.ResolvedFile;
import sjsonnet.StaticResolvedFile;

/**
 * Resolves and reads Jsonnet imports ({@code import}, {@code importstr}) through the
 * {@link SourceTree} alone: relative to the importing file's directory first, then in the
 * library paths, the last listed first, as the {@code jsonnet} command searches its {@code -J}
 * paths. An absolute import, or one that leads out of the root, is refused; the real file system
 * is never touched. Files are read once each and capped by {@link RenderLimits}.
 */
final class TreeImporter extends sjsonnet.Importer {

    private final SourceTree tree;
    private final List<TreePath> libraries;
    private final RenderLimits limits;
    private long bytesRead;

    TreeImporter(SourceTree tree, List<TreePath> libraries, RenderLimits limits) {
        this.tree = tree;
        this.libraries = List.copyOf(libraries).reversed();
        this.limits = limits;
    }

    /** @throws ImportRefused when the import leads out of the root or is found nowhere */
    @Override
    public Option<Path> resolve(Path docBase, String importName) {
        TreePath directory = (TreePath) docBase;
        TreePath relative = directory.resolve(importName).orElseThrow(() -> new ImportRefused(Reason.PATH_OUTSIDE_ROOT,
                "import '" + importName + "' leads out of the repository; imports are resolved inside it only"));
        if (isFile(relative)) {
            return Option.apply(relative);
        }
        for (TreePath library : libraries) {
            Optional<TreePath> candidate = library.resolve(importName);
            if (candidate.isPresent() && isFile(candidate.get())) {
                return Option.apply(candidate.get());
            }
        }
        throw new ImportRefused(Reason.NOT_FOUND, "import '" + importName + "' is neither in " + directory
                + (libraries.isEmpty() ? "" : " nor in the library paths " + libraries.reversed()));
    }

    /**
     * Also asked by sjsonnet for the text of names that are no file, such as a variable's
     * ({@code <ext-var name>}), to place an error in: those are not there.
     */
    @Override
    public Option<ResolvedFile> read(Path path) {
        if (!isFile((TreePath) path)) {
            return Option.empty();
        }
        byte[] bytes = tree.read(path.toString(), limits.maxFileBytes());
        bytesRead += bytes.length;
        if (bytesRead > limits.maxTotalBytes()) {
            throw new ImportRefused(Reason.TOO_LARGE, "the files imported are larger than the limit of "
                    + RenderLimits.describeBytes(limits.maxTotalBytes()) + " in total");
        }
        return Option.apply(new StaticResolvedFile(new String(bytes, StandardCharsets.UTF_8)));
    }

    private boolean isFile(TreePath path) {
        return !path.segments().isEmpty() && tree.resolve(path.toString()).filter(Entry::isFile).isPresent();
    }
}
