package dev.capstan.render.kustomize;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.LinkResolver;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult.Warning;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Copies what kustomize will read of an application into a directory of its own: the
 * application's directory and every directory its kustomizations load ({@code resources},
 * {@code components} and the like), each with everything under it, read through the
 * {@link SourceTree} so a Git commit serves as well as a checkout. Symbolic links become copies
 * of what they lead to, so kustomize sees no link; one that leads out of the source is refused by
 * the tree.
 *
 * <p>Kustomize loads a directory named in {@code resources} wherever it is, so every such entry
 * is checked here first: one that leads outside the source root, or to a URL while remote bases
 * are off, is refused naming the kustomization and the entry.
 */
final class SourceCopy {

    /** What was copied: the application's kustomization, kustomizations that could not be read here, and warnings. */
    record Copied(String kustomizationFile, List<String> unreadKustomizations, List<Warning> warnings) {
    }

    /** Against trees of links that would copy the same directories over and over. */
    static final int MAX_ENTRIES = 100_000;

    private final SourceTree tree;
    private final Path target;
    private final RenderLimits limits;
    private final boolean allowRemoteBases;
    private final Consumer<Kustomization> editApplication;
    private final Set<String> copiedDirectories = new HashSet<>();
    private final Set<String> copiedFiles = new HashSet<>();
    private final List<String> unread = new ArrayList<>();
    private final List<Warning> warnings = new ArrayList<>();
    private long totalBytes;
    private int entries;

    private SourceCopy(SourceTree tree, Path target, RenderLimits limits, boolean allowRemoteBases, Consumer<Kustomization> editApplication) {
        this.tree = tree;
        this.target = target;
        this.limits = limits;
        this.allowRemoteBases = allowRemoteBases;
        this.editApplication = editApplication;
    }

    /**
     * Copies the application at {@code app} (a directory holding a kustomization) into {@code target},
     * changing its kustomization with {@code editApplication} first (when it can be read), so that
     * what the change adds is checked and copied too.
     *
     * @throws RenderException {@code NOT_FOUND} when there is no kustomization at {@code app},
     *     {@code PATH_OUTSIDE_ROOT} for an entry or link leading out of the source, {@code TOO_LARGE}
     *     when the files are over {@link RenderLimits}
     */
    static Copied copy(SourceTree tree, String app, Path target, RenderLimits limits, boolean allowRemoteBases,
                       Consumer<Kustomization> editApplication) {
        return new SourceCopy(tree, target, limits, allowRemoteBases, editApplication).copyApplication(LinkResolver.normalise(app));
    }

    private Copied copyApplication(String app) {
        Entry directory = tree.resolve(app).orElseThrow(() -> new RenderException(Reason.NOT_FOUND, new Origin(app, 0), "no such directory"));
        if (!directory.isDirectory()) {
            throw new RenderException(Reason.NOT_FOUND, new Origin(app, 0), "not a directory");
        }
        String kustomization = kustomizationIn(app).orElseThrow(() -> new RenderException(Reason.NOT_FOUND, new Origin(app, 0),
                "no " + String.join(", ", Kustomization.FILE_NAMES) + " in this directory"));
        Deque<String> pending = new ArrayDeque<>(List.of(app));
        Set<String> visited = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            String dir = pending.removeFirst();
            if (!visited.add(dir)) {
                continue;
            }
            copyDirectory(dir);
            Optional<String> file = kustomizationIn(dir);
            if (file.isEmpty()) {
                continue; // kustomize says so in its own words
            }
            Optional<Kustomization> parsed = Kustomization.parse(Files.exists(onDisk(file.get())) ? readCopy(file.get()) : new byte[0]);
            if (parsed.isEmpty()) {
                unread.add(file.get());
                continue;
            }
            if (dir.equals(app)) {
                editApplication.accept(parsed.get());
                write(file.get(), parsed.get().write().getBytes(StandardCharsets.UTF_8));
            }
            for (String entry : parsed.get().loadedPaths()) {
                loaded(dir, file.get(), entry).ifPresent(pending::addLast);
            }
        }
        return new Copied(kustomization, List.copyOf(unread), List.copyOf(warnings));
    }

    /** Checks one entry a kustomization loads; a directory it names is returned to be copied and read in turn. */
    private Optional<String> loaded(String dir, String kustomization, String entry) {
        Origin origin = new Origin(kustomization, 0);
        if (entry.startsWith("file:")) {
            throw new RenderException(Reason.PATH_OUTSIDE_ROOT, origin, "'" + entry + "' names a file on this machine, which is not allowed");
        }
        Optional<String> joined = SourceCopy.join(dir, entry);
        Optional<Entry> local = joined.flatMap(tree::resolve);
        if (local.isPresent()) {
            if (local.get().isDirectory()) {
                return joined;
            }
            copyFile(joined.get());
            return Optional.empty();
        }
        if (isRemote(entry)) {
            if (!allowRemoteBases) {
                throw new RenderException(Reason.PATH_OUTSIDE_ROOT, origin, "'" + entry
                        + "' is a remote base, and remote bases are not allowed (the Kustomize renderer's allowRemoteBases is off)");
            }
            return Optional.empty();
        }
        if (joined.isEmpty()) {
            throw new RenderException(Reason.PATH_OUTSIDE_ROOT, origin, "'" + entry + "' leads outside the repository, which is not allowed");
        }
        if (!allowRemoteBases) {
            throw new RenderException(Reason.NOT_FOUND, origin, "'" + entry + "' is not a file or directory in the repository");
        }
        return Optional.empty(); // kustomize may find it remotely
    }

    private Optional<String> kustomizationIn(String dir) {
        for (String name : Kustomization.FILE_NAMES) {
            String path = child(dir, name);
            if (tree.resolve(path).filter(Entry::isFile).isPresent()) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private void copyDirectory(String dir) {
        if (isCopied(dir)) {
            return;
        }
        Entry resolved = tree.resolve(dir).orElseThrow();
        copyTree(dir, new ArrayList<>(List.of(resolved.path())));
        copiedDirectories.add(dir);
    }

    /** Copies {@code dir}; {@code within} holds where the directories being copied lead, to stop at a link back to one of them. */
    private void copyTree(String dir, List<String> within) {
        createDirectory(dir);
        for (Entry entry : tree.list(dir)) {
            count(entry);
            if (entry.name().equals(".git")) {
                continue;
            }
            switch (entry.type()) {
                case FILE -> copyFile(entry.path());
                case DIRECTORY -> {
                    within.addLast(child(within.getLast(), entry.name()));
                    copyTree(entry.path(), within);
                    within.removeLast();
                }
                case SYMLINK -> copyLink(entry, within);
            }
        }
    }

    private void copyLink(Entry link, List<String> within) {
        Optional<Entry> resolved = tree.resolve(link.path());
        if (resolved.isEmpty()) {
            warnings.add(new Warning(new Origin(link.path(), 0), "symbolic link to " + link.linkTarget() + " leads nowhere; not copied"));
        } else if (resolved.get().isFile()) {
            copyFile(link.path());
        } else if (within.stream().anyMatch(dir -> isInside(dir, resolved.get().path()))) {
            warnings.add(new Warning(new Origin(link.path(), 0), "symbolic link to " + link.linkTarget()
                    + " leads to a directory that holds it; not copied"));
        } else {
            within.addLast(resolved.get().path());
            copyTree(link.path(), within);
            within.removeLast();
        }
    }

    private void copyFile(String file) {
        if (!copiedFiles.add(file)) {
            return;
        }
        byte[] bytes = tree.read(file, limits.maxFileBytes());
        totalBytes += bytes.length;
        if (totalBytes > limits.maxTotalBytes()) {
            throw new RenderException(Reason.TOO_LARGE, new Origin(file, 0), "the files the kustomization reads are larger than the limit of "
                    + RenderLimits.describeBytes(limits.maxTotalBytes()) + " in total");
        }
        write(file, bytes);
    }

    private void write(String file, byte[] bytes) {
        Path path = onDisk(file);
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " for kustomize", e);
        }
    }

    private void createDirectory(String dir) {
        try {
            Files.createDirectories(onDisk(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + dir + " for kustomize", e);
        }
    }

    private byte[] readCopy(String file) {
        try {
            return Files.readAllBytes(onDisk(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(Entry entry) {
        if (++entries > MAX_ENTRIES) {
            throw new RenderException(Reason.TOO_LARGE, new Origin(entry.path(), 0),
                    "the directories the kustomization reads hold more than " + MAX_ENTRIES + " files and directories");
        }
    }

    private boolean isCopied(String path) {
        return copiedDirectories.stream().anyMatch(dir -> isInside(path, dir));
    }

    private Path onDisk(String path) {
        Path resolved = target;
        if (!path.equals(".")) {
            for (String segment : path.split("/")) {
                resolved = resolved.resolve(segment);
            }
        }
        return resolved;
    }

    /** Whether {@code path} is {@code dir} or inside it. */
    static boolean isInside(String path, String dir) {
        return dir.equals(".") || path.equals(dir) || path.startsWith(dir + "/");
    }

    static String child(String dir, String name) {
        return dir.equals(".") ? name : dir + "/" + name;
    }

    /**
     * {@code entry} taken relative to {@code dir}, as kustomize takes it in a copy without links:
     * {@code ..} removes the segment before it. Empty when it is absolute or climbs above the root.
     */
    static Optional<String> join(String dir, String entry) {
        if (entry.startsWith("/")) {
            return Optional.empty();
        }
        var segments = new ArrayList<String>();
        if (!dir.equals(".")) {
            segments.addAll(List.of(dir.split("/")));
        }
        for (String segment : entry.split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return Optional.of(segments.isEmpty() ? "." : String.join("/", segments));
    }

    /** Whether kustomize would fetch {@code entry} over the network: a URL, or a Git repository named by host. */
    static boolean isRemote(String entry) {
        return entry.contains("://") || entry.startsWith("git@") || entry.matches("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+(:[0-9]+)?/.*");
    }
}
