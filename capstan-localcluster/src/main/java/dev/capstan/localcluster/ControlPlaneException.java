package dev.capstan.localcluster;

import java.nio.file.Path;

/**
 * A failure to build, start or stop the local control plane. It names the step that failed and,
 * when a component was involved, carries the tail of that component's log, so that the message
 * alone tells what went wrong.
 */
public final class ControlPlaneException extends RuntimeException {

    private final String step;
    private final String logTail;

    public ControlPlaneException(String step, String message, String logTail, Throwable cause) {
        super(compose(step, message, logTail), cause);
        this.step = step;
        this.logTail = logTail == null ? "" : logTail;
    }

    public ControlPlaneException(String step, String message) {
        this(step, message, null, null);
    }

    public ControlPlaneException(String step, String message, Throwable cause) {
        this(step, message, null, cause);
    }

    /** A failure of a component whose log is at {@code log}; its last lines become part of the message. */
    static ControlPlaneException withLog(String step, String message, Path log, Throwable cause) {
        return new ControlPlaneException(step, message, LogTail.of(log, 25), cause);
    }

    /** The step that failed, such as {@code build kube-apiserver} or {@code start etcd}. */
    public String step() {
        return step;
    }

    /** The last lines of the failing component's log, or empty. */
    public String logTail() {
        return logTail;
    }

    private static String compose(String step, String message, String logTail) {
        var text = new StringBuilder("local control plane: ").append(step).append(" failed: ").append(message);
        if (logTail != null && !logTail.isBlank()) {
            text.append("\n--- last lines of its log ---\n").append(logTail.stripTrailing());
        }
        return text.toString();
    }
}
