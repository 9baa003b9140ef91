package dev.capstan.engine.render;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderResult.Warning;
import dev.capstan.engine.render.SourceTree.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which files of a directory application are manifests: {@code *.yaml}, {@code *.yml} and
 * {@code *.json} (and {@code *.jsonnet} when Jsonnet is evaluated) in the application's directory
 * (and below it with {@code recurse}), kept by {@code include} and {@code exclude}, in order of path. A symbolic link to a file is read as the
 * file; a link to a directory is not descended into (as Argo CD), which also rules out cycles.
 */
final class ManifestFiles {

    /** A file to read as {@code format}; a Jsonnet file is read as the JSON it evaluates to. */
    record ManifestFile(SourcePath path, DocumentFormat format, boolean jsonnet) {

        ManifestFile(SourcePath path, DocumentFormat format) {
            this(path, format, false);
        }
    }

    /** The files chosen, and what was passed over that the user may want to hear about. */
    record Selection(List<ManifestFile> files, List<Warning> warnings) {
    }

    private final SourceTree tree;
    private final SourcePath app;
    private final boolean recurse;
    private final Optional<Glob> include;
    private final Optional<Glob> exclude;
    private final boolean withJsonnet;
    private final List<ManifestFile> files = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();

    private ManifestFiles(SourceTree tree, SourcePath app, DirectoryOptions options, boolean withJsonnet) {
        this.tree = tree;
        this.app = app;
        this.recurse = options.recurse();
        this.include = pattern(options.include(), "include");
        this.exclude = pattern(options.exclude(), "exclude");
        this.withJsonnet = withJsonnet;
    }

    /**
     * @param withJsonnet whether {@code *.jsonnet} files are chosen too
     * @throws RenderException {@code NOT_FOUND} if {@code app} is not a directory,
     *     {@code PATH_OUTSIDE_ROOT} for a link out of the root, {@code INVALID_OPTIONS} for a bad pattern
     */
    static Selection select(SourceTree tree, SourcePath app, DirectoryOptions options, boolean withJsonnet) {
        var selection = new ManifestFiles(tree, app, options, withJsonnet);
        selection.requireDirectory();
        selection.walk(app);
        selection.files.sort(Comparator.comparing(file -> file.path().toString()));
        return new Selection(List.copyOf(selection.files), List.copyOf(selection.warnings));
    }

    private void requireDirectory() {
        Optional<Entry> resolved = tree.resolve(app.toString());
        if (resolved.isEmpty()) {
            throw new RenderException(Reason.NOT_FOUND, new Origin(app.toString(), 0), "application path does not exist");
        }
        if (!resolved.get().isDirectory()) {
            throw new RenderException(Reason.NOT_FOUND, new Origin(app.toString(), 0), "application path is a file, not a directory");
        }
    }

    private void walk(SourcePath directory) {
        for (Entry entry : tree.list(directory.toString())) {
            SourcePath path = directory.child(entry.name());
            switch (entry.type()) {
                case DIRECTORY -> {
                    if (recurse) {
                        walk(path);
                    }
                }
                case FILE -> manifestFile(path).ifPresent(files::add);
                case SYMLINK -> link(path, entry.linkTarget());
            }
        }
    }

    /**
     * A link is resolved (and refused if it leads out of the root) when it may be a manifest, or,
     * with {@code recurse}, to say that a linked directory is not descended into; an excluded
     * link is left alone.
     */
    private void link(SourcePath path, String target) {
        if (isExcluded(path)) {
            return;
        }
        Optional<ManifestFile> file = manifestFile(path);
        if (file.isEmpty() && !recurse) {
            return;
        }
        Optional<Entry> resolved = tree.resolve(path.toString());
        Origin origin = new Origin(path.toString(), 0);
        if (resolved.isEmpty()) {
            if (file.isPresent()) {
                warnings.add(new Warning(origin, "skipped: symbolic link to " + target + ", which does not exist"));
            }
        } else if (resolved.get().isDirectory()) {
            if (recurse) {
                warnings.add(new Warning(origin, "skipped: symbolic link to the directory " + target + "; links to directories are not followed"));
            }
        } else {
            file.ifPresent(files::add);
        }
    }

    /** A manifest file the options select; empty for other files. */
    private Optional<ManifestFile> manifestFile(SourcePath path) {
        if (isExcluded(path) || include.isPresent() && !include.get().matches(path.relativeTo(app))) {
            return Optional.empty();
        }
        if (withJsonnet && path.name().endsWith(".jsonnet")) {
            return Optional.of(new ManifestFile(path, DocumentFormat.JSON, true));
        }
        return DocumentFormat.ofFileName(path.name()).map(format -> new ManifestFile(path, format));
    }

    private boolean isExcluded(SourcePath path) {
        return exclude.isPresent() && exclude.get().matches(path.relativeTo(app));
    }

    private static Optional<Glob> pattern(String pattern, String option) {
        return pattern.isEmpty() ? Optional.empty() : Optional.of(Glob.compile(pattern, option));
    }
}
