package dev.capstan.render.helm;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DirectorySourceTree;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.LinkResolver;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.RenderResult;
import dev.capstan.engine.render.Renderer;
import dev.capstan.engine.render.SourceTree;
import dev.capstan.engine.render.ToolOutput;
import dev.capstan.render.helm.ChartReference.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * Renders a Helm chart, as Argo CD's Helm source does, with Helm itself running in process
 * (helm-java). The chart is copied into a private directory, from a source tree for a chart kept
 * in Git ({@link #render(SourceTree, String, HelmOptions)}) or from a chart repository
 * ({@link #render(ChartReference, HelmOptions)}); Helm templates it with the options' values; the
 * output becomes objects whose origin is their template, with the chart's CRDs first unless
 * skipped; and Helm's hooks become Capstan's ({@link HelmHooks}). Dependencies the chart does not
 * vendor are fetched first ({@link ChartDependencies}).
 *
 * <p>Stateless apart from the chart cache: one instance serves any number of applications at once.
 * helm-java does not let templates see extra {@code apiVersions}; they are ignored.
 */
public final class HelmRenderer implements Renderer<HelmOptions> {

    private final RenderLimits limits;
    private final HelmLimits helmLimits;
    private final ChartRepository repository;
    private final Function<String, Credentials> dependencyCredentials;

    /**
     * @param repository where charts from Helm repositories are downloaded to and cached
     */
    public HelmRenderer(RenderLimits limits, HelmLimits helmLimits, ChartRepository repository) {
        this(limits, helmLimits, repository, url -> Credentials.NONE);
    }

    private HelmRenderer(RenderLimits limits, HelmLimits helmLimits, ChartRepository repository,
            Function<String, Credentials> dependencyCredentials) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.helmLimits = Objects.requireNonNull(helmLimits, "helmLimits");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.dependencyCredentials = Objects.requireNonNull(dependencyCredentials, "dependencyCredentials");
    }

    /** This renderer, reading the repositories of charts' dependencies with the credentials {@code credentials} gives for their URL. */
    public HelmRenderer withDependencyCredentials(Function<String, Credentials> credentials) {
        return new HelmRenderer(limits, helmLimits, repository, credentials);
    }

    /**
     * The version of helm-java (and so of the Helm it carries) that renders, as its jar says;
     * part of a render cache's key, so a new Helm renders again.
     */
    public static String toolVersion() {
        try (InputStream in = com.marcnuri.helm.Helm.class.getResourceAsStream("/META-INF/maven/com.marcnuri.helm-java/helm-java/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            var properties = new Properties();
            properties.load(in);
            return "helm-java " + properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Renders the chart whose directory is {@code path} in {@code tree}. */
    @Override
    public RenderResult render(SourceTree tree, String path, HelmOptions options) {
        return render(tree, path, options, Map.of());
    }

    /**
     * Renders the chart whose directory is {@code path} in {@code tree}, reading value files
     * written {@code $name/path} from {@code references} by name: the trees of the application's
     * other sources, whose {@code ref} is the name.
     */
    public RenderResult render(SourceTree tree, String path, HelmOptions options, Map<String, SourceTree> references) {
        String chart = LinkResolver.normalise(path);
        try (Workspace workspace = Workspace.create()) {
            var budget = new ReadBudget(limits);
            ChartCopy.copy(tree, chart, workspace.chart(), budget);
            ChartDependencies.complete(workspace.chart(), chart, tree, repository, dependencyCredentials, budget);
            List<Path> values = ValueLayers.write(tree, chart, options, references, budget, workspace);
            return rendered(workspace, values, options, chart);
        } catch (UncheckedIOException e) {
            throw unprepared(chart, e);
        }
    }

    /**
     * Renders a chart from a Helm repository, downloading it unless it is cached. Value files are
     * read from inside the chart's package.
     */
    public RenderResult render(ChartReference reference, HelmOptions options) {
        return render(reference, options, Map.of());
    }

    /**
     * Renders a chart from a Helm repository, reading value files written {@code $name/path} from
     * {@code references} by name (the application's other sources) and the others from inside
     * the chart's package.
     */
    public RenderResult render(ChartReference reference, HelmOptions options, Map<String, SourceTree> references) {
        Path archive = repository.fetch(reference);
        String chart = reference.chart();
        try (Workspace workspace = Workspace.create()) {
            var budget = new ReadBudget(limits);
            ChartArchive.extract(archive, workspace.chart(), budget, reference.toString());
            ChartDependencies.complete(workspace.chart(), chart, null, repository, dependencyCredentials, budget);
            var packaged = new DirectorySourceTree(workspace.chart());
            List<Path> values = ValueLayers.write(packaged, ".", options, references, budget, workspace);
            return rendered(workspace, values, options, chart);
        } catch (UncheckedIOException e) {
            throw unprepared(chart, e);
        }
    }

    private RenderResult rendered(Workspace workspace, List<Path> values, HelmOptions options, String chartLocation) {
        var manifests = new ArrayList<Manifest>();
        if (!options.skipCrds()) {
            manifests.addAll(CrdFiles.read(workspace.chart(), chartLocation));
        }
        HiddenHooks.hideIn(workspace.root());
        String output = HiddenHooks.restore(HelmTemplate.run(workspace, values, options, helmLimits, chartLocation));
        manifests.addAll(TemplateOutput.read(output, chartLocation, ChartCopy.join(chartLocation, "Chart.yaml")));
        if (manifests.size() > limits.maxObjects()) {
            throw new RenderException(Reason.TOO_LARGE, manifests.get(limits.maxObjects()).origin(),
                    "the chart renders more than " + limits.maxObjects() + " objects, the limit");
        }
        HelmHooks.Mapped mapped = HelmHooks.map(manifests);
        ToolOutput.requireUnique(mapped.manifests());
        return new RenderResult(mapped.manifests(), mapped.warnings());
    }

    /** Names the chart and the kind of failure, never a path on this machine. */
    private static RenderException unprepared(String chart, UncheckedIOException e) {
        return new RenderException(Reason.IO, new Origin(chart, 0), "cannot prepare the chart for Helm: " + e.getCause().getClass().getSimpleName(), e);
    }
}
