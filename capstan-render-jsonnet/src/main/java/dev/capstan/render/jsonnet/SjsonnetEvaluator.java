package dev.capstan.render.jsonnet;

import dev.capstan.engine.Origin;
import dev.capstan.engine.render.JsonnetEvaluator;
import dev.capstan.engine.render.JsonnetOptions;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import dev.capstan.engine.render.SourceTree;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's {@link JsonnetEvaluator} on sjsonnet, Databricks' Jsonnet interpreter for the JVM.
 * Each evaluation runs on a thread of its own with a large stack, so that deep Jsonnet recursion
 * ends in an error rather than taking the caller down, and so that it can be stopped: after
 * {@code timeout} the thread is interrupted and the caller gets a {@code TIMEOUT} error at
 * once. sjsonnet checks for the interrupt at every step of the Jsonnet program, but not inside a
 * single call into its standard library, which runs on until it returns. Thread-safe: one
 * instance serves any number of renders at once.
 */
public final class SjsonnetEvaluator implements JsonnetEvaluator {

    /** Enough for the deep recursion of real Jsonnet libraries; reserved, and used only as deep as a program goes. */
    private static final long STACK_BYTES = 16L * 1024 * 1024;

    private final Duration timeout;

    /** @param timeout how long one Jsonnet file may take to evaluate */
    public SjsonnetEvaluator(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** An evaluator that gives each Jsonnet file a minute. */
    public static SjsonnetEvaluator defaults() {
        return new SjsonnetEvaluator(Duration.ofMinutes(1));
    }

    @Override
    public String evaluate(SourceTree tree, String file, JsonnetOptions options, RenderLimits limits) {
        TreePath path = TreePath.of(file);
        var task = new FutureTask<>(() -> Evaluation.run(tree, path, options, limits));
        Thread thread = Thread.ofPlatform().name("jsonnet " + file).daemon().stackSize(STACK_BYTES).start(task);
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new RenderException(Reason.TIMEOUT, new Origin(file, 0), "Jsonnet evaluation took longer than the limit of "
                    + describe(timeout) + " and was stopped");
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new RenderException(Reason.IO, new Origin(file, 0), "interrupted while evaluating Jsonnet", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error && !(error instanceof StackOverflowError)) {
                throw error;
            }
            throw translated(file, e.getCause(), limits);
        }
    }

    private static RuntimeException translated(String file, Throwable failure, RenderLimits limits) {
        Origin origin = new Origin(file, 0);
        return switch (failure) {
            case RenderException e -> e;
            case CappedWriter.TooLarge _ -> new RenderException(Reason.TOO_LARGE, origin, "Jsonnet output is larger than the limit of "
                    + RenderLimits.describeBytes(limits.maxTotalBytes()));
            case StackOverflowError _ -> new RenderException(Reason.MALFORMED, origin,
                    "Jsonnet evaluation recursed too deeply (infinite recursion?)");
            case StoppableInterpreter.Stopped _ -> new RenderException(Reason.IO, origin, "Jsonnet evaluation was stopped");
            default -> new RenderException(Reason.MALFORMED, origin,
                    "internal error of the Jsonnet evaluator (" + failure.getClass().getSimpleName() + ")", failure);
        };
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
