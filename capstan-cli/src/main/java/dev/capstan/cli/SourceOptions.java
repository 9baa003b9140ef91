package dev.capstan.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.controller.SourceKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.KustomizeOptions;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.localcluster.CapstanHome;
import dev.capstan.render.helm.ChartRepository;
import dev.capstan.render.helm.HelmLimits;
import dev.capstan.render.helm.HelmRenderer;
import dev.capstan.render.jsonnet.SjsonnetEvaluator;
import dev.capstan.render.kustomize.KustomizeRenderer;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A local directory and how to render it, as an Application's source says: the tool is chosen
 * the way the controller chooses it (a {@code Chart.yaml} is a Helm chart, a kustomization file a
 * Kustomize application, anything else a directory of YAML, JSON and Jsonnet). Kustomize and Helm
 * may read files elsewhere in the Git repository the directory lies in (an overlay's base), never
 * outside it; with no repository around it, the directory is the root.
 */
final class SourceOptions {

    @Parameters(index = "0", paramLabel = "DIR", description = "Directory of manifests, a Kustomize overlay or a Helm chart.")
    Path directory;

    @Option(names = "--recurse", description = "Read subdirectories too (directory of manifests).")
    boolean recurse;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only files matching this glob, e.g. '*.yaml' or '{a.yaml,b.yaml}'.")
    String include = "";

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files matching this glob.")
    String exclude = "";

    @Option(names = "--release-name", paramLabel = "NAME", description = "Helm release name (default: the directory's name).")
    String releaseName;

    @Option(names = "--helm-values", paramLabel = "FILE", description = "Helm value file, relative to the chart; repeatable, later ones win.")
    List<String> helmValues = new ArrayList<>();

    @Option(names = "--helm-set", paramLabel = "NAME=VALUE", description = "One Helm value, as helm --set; repeatable; wins over value files.")
    List<String> helmSet = new ArrayList<>();

    /** The rendered manifests; warnings go to {@code err}. */
    List<Manifest> render(PrintWriter err) {
        if (!Files.isDirectory(directory)) {
            throw new UserError(directory + " is not a directory");
        }
        Path dir = directory.toAbsolutePath().normalize();
        Path root = repositoryRoot(dir).orElse(dir);
        String path = root.relativize(dir).toString().replace('\\', '/');
        String at = path.isEmpty() ? "." : path;
        SourceTree tree = new DirectorySourceTree(root);
        ApplicationSource source = new ApplicationSource();
        if (!helmValues.isEmpty() || !helmSet.isEmpty() || releaseName != null) {
            source.setHelm(new ApplicationSource.Helm());
        }
        SourceKind kind = SourceKind.of(source, tree, path);
        RenderResult result = switch (kind) {
            case KUSTOMIZE -> kustomize().render(tree, at, KustomizeOptions.defaults());
            case HELM, HELM_REPOSITORY -> helm().render(tree, at, helmOptions(dir));
            case DIRECTORY -> new DirectoryRenderer(RenderLimits.defaults(), SjsonnetEvaluator.defaults()).render(new DirectorySourceTree(dir), ".",
                    DirectoryOptions.defaults().withRecurse(recurse).withInclude(include).withExclude(exclude));
        };
        result.warnings().forEach(warning -> err.println("warning: " + warning));
        err.flush();
        return result.manifests();
    }

    private HelmOptions helmOptions(Path dir) {
        List<HelmOptions.Parameter> parameters = helmSet.stream().map(SourceOptions::parameter).toList();
        String release = releaseName != null ? releaseName : dir.getFileName() == null ? "release" : dir.getFileName().toString();
        return HelmOptions.defaults(release).withValueFiles(helmValues).withParameters(parameters);
    }

    private static HelmOptions.Parameter parameter(String assignment) {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw new UserError("--helm-set " + assignment + ": give NAME=VALUE");
        }
        return new HelmOptions.Parameter(assignment.substring(0, equals), assignment.substring(equals + 1), false);
    }

    private static KustomizeRenderer kustomize() {
        try {
            return KustomizeRenderer.create(CapstanHome.fromEnvironment(), RenderLimits.defaults(), KustomizeRenderer.DEFAULT_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new UserError("kustomize could not be built to render this Kustomize directory: " + e.getMessage());
        }
    }

    private static HelmRenderer helm() {
        Path charts = CapstanHome.fromEnvironment().root().resolve("cache").resolve("charts");
        return new HelmRenderer(RenderLimits.defaults(), HelmLimits.defaults(), new ChartRepository(charts));
    }

    /** The top of the Git working tree {@code dir} lies in, if any. */
    private static Optional<Path> repositoryRoot(Path dir) {
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(".git"))) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }
}
