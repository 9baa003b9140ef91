package dev.capstan.engine.render;

/**
 * What an application asks of the tool that renders its source: one record per tool, so that a
 * caller can switch over the kinds exhaustively and each {@link Renderer} takes only its own.
 * Kustomize and Helm options join {@link DirectoryOptions} here as those renderers land; Jsonnet
 * options are part of {@link DirectoryOptions}, as in Argo CD.
 */
public sealed interface RenderOptions permits DirectoryOptions {
}
