package dev.capstan.render.jsonnet;

import dev.capstan.engine.render.RenderException.Reason;

/**
 * An import the {@link TreeImporter} will not or cannot serve. It travels up through sjsonnet,
 * which wraps it, and {@link JsonnetProblem} turns it into a render error at the import's line.
 */
final class ImportRefused extends RuntimeException {

    private final Reason reason;

    ImportRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
