package dev.capstan.render.kustomize;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.KustomizeOptions;
import dev.capstan.engine.render.LinkResolver;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.Renderer;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.SourceTree.Entry;
import dev.capstan.engine.render.ToolOutput;
import dev.capstan.localcluster.CapstanHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders a Kustomize application with {@code kustomize build}, as Argo CD's kustomize source:
 * the part of the source kustomize reads is copied into a private temporary directory
 * ({@link SourceCopy}), the application's {@link KustomizeOptions} are written into its
 * kustomization ({@link KustomizationEdit}), and kustomize runs there ({@link KustomizeRun}) with
 * a time limit. Every object says which file it came from. The copy is deleted whatever happens.
 * Stateless: one instance serves any number of applications at once.
 */
public final class KustomizeRenderer implements Renderer<KustomizeOptions> {

    /** How long one render may take unless the operator says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;
    private final RenderLimits limits;
    private final Duration timeout;
    private final Path temporaryParent;

    /**
     * @param executable the kustomize program, as {@link KustomizeBinary#ensureBuilt()} gives it
     * @param temporaryParent where private copies are made; null for the system's temporary directory
     */
    public KustomizeRenderer(Path executable, RenderLimits limits, Duration timeout, Path temporaryParent) {
        this.executable = Objects.requireNonNull(executable, "executable");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.temporaryParent = temporaryParent;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the kustomize timeout must be positive: " + timeout);
        }
    }

    /**
     * A renderer with the kustomize built in {@code home}'s cache, building it first if needed
     * (once per machine and version; it blocks for that long).
     *
     * @throws IllegalStateException when kustomize cannot be built
     */
    public static KustomizeRenderer create(CapstanHome home, RenderLimits limits, Duration timeout) {
        return new KustomizeRenderer(KustomizeBinary.inHome(home).ensureBuilt(), limits, timeout, null);
    }

    /** Whether {@code path} in {@code tree} is a directory holding a kustomization file. */
    public static boolean isKustomization(SourceTree tree, String path) {
        return kustomizationFile(tree, path).isPresent();
    }

    @Override
    public RenderResult render(SourceTree tree, String path, KustomizeOptions options) {
        String app = LinkResolver.normalise(path);
        try (PrivateDirectory work = PrivateDirectory.create(temporaryParent, "capstan-kustomize-")) {
            Path source = work.path().resolve("source");
            var edit = new KustomizationEdit(options);
            SourceCopy.Copied copied = SourceCopy.copy(tree, app, source, limits, options.allowRemoteBases(), edit);
            Origin origin = new Origin(copied.kustomizationFile(), 0);
            byte[] output = KustomizeRun.build(executable, source, app, options.allowRemoteBases(), timeout, limits, origin);
            requireRead(copied);
            List<Manifest> manifests = ToolOutput.read("kustomize", output, origin, limits);
            return new RenderResult(OriginAnnotations.apply(manifests, app, origin, edit.ownOrigins()), copied.warnings());
        }
    }

    /**
     * A kustomization this renderer could not read was not checked for what it loads, so its
     * output is not used even when kustomize read it.
     */
    private static void requireRead(SourceCopy.Copied copied) {
        if (!copied.unreadKustomizations().isEmpty()) {
            throw unreadable(copied.unreadKustomizations().getFirst());
        }
    }

    private static RenderException unreadable(String file) {
        return new RenderException(Reason.MALFORMED, new Origin(file, 0),
                "not a kustomization Capstan can read: it must be one YAML mapping");
    }

    private static Optional<String> kustomizationFile(SourceTree tree, String path) {
        String dir = LinkResolver.normalise(path);
        if (tree.resolve(dir).filter(Entry::isDirectory).isEmpty()) {
            return Optional.empty();
        }
        return Kustomization.FILE_NAMES.stream()
                .map(name -> SourceCopy.child(dir, name))
                .filter(file -> tree.resolve(file).filter(Entry::isFile).isPresent())
                .findFirst();
    }
}
