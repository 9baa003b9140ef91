package dev.capstan.engine.render;

/**
 * Turns an application's source into the objects it desires: plain manifests, Kustomize,
 * Helm, Jsonnet. A renderer reads only through the {@link SourceTree}, so it works the same on a
 * checkout and on Git objects, and it returns every object with the {@code Origin} (file and line,
 * relative to the source root) it came from.
 *
 * @param <O> the options this renderer takes
 */
public interface Renderer<O extends RenderOptions> {

    /**
     * Renders the application at {@code path} (relative to the tree's root; {@code ""} is the root).
     *
     * @throws RenderException when the source cannot be rendered; nothing is returned in part
     */
    RenderResult render(SourceTree tree, String path, O options);
}
