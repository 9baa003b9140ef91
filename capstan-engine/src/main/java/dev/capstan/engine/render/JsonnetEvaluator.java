package dev.capstan.engine.render;

/**
 * Evaluates one Jsonnet file of a source to the JSON it stands for. The port through which
 * {@link DirectoryRenderer} renders {@code *.jsonnet} files, so that the engine does not carry a
 * Jsonnet implementation; capstan-render-jsonnet provides one.
 *
 * <p>An evaluator reads only through the {@link SourceTree}: imports are resolved relative to the
 * importing file, then in the library paths, and never outside the root.
 */
public interface JsonnetEvaluator {

    /**
     * The JSON text {@code file} evaluates to: an object, an array of objects, or a list kind.
     *
     * @param file the file's path relative to the tree's root, normalised
     * @param options variables, top-level arguments and library paths, already checked
     * @param limits each file read is at most {@code maxFileBytes}; the files imported together,
     *     and the output, are each at most {@code maxTotalBytes}
     * @throws RenderException {@code MALFORMED} naming the file and line for a syntax or runtime
     *     error, {@code PATH_OUTSIDE_ROOT} or {@code NOT_FOUND} for an import, {@code TOO_LARGE} when
     *     a limit is passed, including the evaluator's own time limit
     */
    String evaluate(SourceTree tree, String file, JsonnetOptions options, RenderLimits limits);
}
