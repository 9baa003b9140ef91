package dev.capstan.controller;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.render.helm.ChartRepository;
import dev.capstan.render.helm.HelmLimits;
import dev.capstan.render.helm.HelmRenderer;
import dev.capstan.render.jsonnet.SjsonnetEvaluator;
import dev.capstan.render.kustomize.KustomizeBinary;
import dev.capstan.render.kustomize.KustomizeRenderer;

/**
 * The renderers the controller renders sources with, one per {@link SourceKind}, and the version
 * of each tool (part of a render's cache key). Kustomize is built the first time a Kustomize
 * application is rendered, not when the controller starts; a build that fails is a render error
 * that says so, and the next render tries again.
 */
final class Renderers {

    private final ControllerOptions.Rendering options;
    private final DirectoryRenderer directory;
    private final ChartRepository charts;
    private final HelmRenderer helm;
    private final String helmVersion = HelmRenderer.toolVersion();
    private volatile KustomizeRenderer kustomize;

    Renderers(ControllerOptions.Rendering options) {
        this.options = options;
        this.directory = new DirectoryRenderer(RenderLimits.defaults(), SjsonnetEvaluator.defaults());
        this.charts = new ChartRepository(options.chartCache());
        this.helm = new HelmRenderer(RenderLimits.defaults(), HelmLimits.defaults(), charts);
    }

    /** The Helm repositories and OCI registries charts come from, with their download cache. */
    ChartRepository charts() {
        return charts;
    }

    DirectoryRenderer directory() {
        return directory;
    }

    HelmRenderer helm() {
        return helm;
    }

    boolean allowRemoteBases() {
        return options.allowRemoteBases();
    }

    /**
     * The Kustomize renderer, building kustomize first if this machine's cache does not hold it.
     *
     * @param kustomization the application's directory, named in the error when the build fails
     * @throws RenderException {@code TOOL_FAILED} when kustomize cannot be built
     */
    KustomizeRenderer kustomize(String kustomization) {
        KustomizeRenderer renderer = kustomize;
        if (renderer != null) {
            return renderer;
        }
        synchronized (this) {
            if (kustomize == null) {
                try {
                    kustomize = KustomizeRenderer.create(options.toolHome(), RenderLimits.defaults(), KustomizeRenderer.DEFAULT_TIMEOUT);
                } catch (RuntimeException e) {
                    throw new RenderException(Reason.TOOL_FAILED, new Origin(kustomization.isEmpty() ? "." : kustomization, 0),
                            "kustomize " + KustomizeBinary.VERSION + " could not be built to render this Kustomize application: " + e.getMessage(), e);
                }
            }
            return kustomize;
        }
    }

    /** The version of the tool that renders {@code kind}, so a new tool renders again. */
    String toolVersion(SourceKind kind) {
        return switch (kind) {
            case DIRECTORY -> "directory";
            case KUSTOMIZE -> "kustomize " + KustomizeBinary.VERSION;
            case HELM, HELM_REPOSITORY -> helmVersion;
        };
    }
}
