package dev.capstan.engine.render;

/**
 * What an application asks of the tool that renders its source: one record per tool, so that a
 * caller can switch over the kinds exhaustively and each {@link Renderer} takes only its own.
 * Jsonnet options are part of {@link DirectoryOptions}, as Jsonnet files are read from a directory source.
 */
public sealed interface RenderOptions permits DirectoryOptions, HelmOptions, KustomizeOptions {
}
