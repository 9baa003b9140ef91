package dev.capstan.render.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.capstan.engine.Origin;
import dev.capstan.engine.render.HelmOptions;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of Helm's template engine, in process through helm-java's native library, on a chart
 * in a {@link Workspace}. Runs on a thread of its own so that it can be given up on after
 * {@link HelmLimits#timeout()}; a native call cannot be interrupted, so a render given up on
 * finishes in the background and its output is dropped.
 */
final class HelmTemplate {

    /** Where Helm says a template failed: {@code template: web/templates/x.yaml:12:5: ...}. */
    private static final Pattern TEMPLATE_PLACE = Pattern.compile("(?:template: |\\()([^:()\\s]+/templates/[^:()\\s]+):(\\d+)");

    private HelmTemplate() {
    }

    /**
     * The rendered text, documents separated by {@code ---} and each headed by its {@code # Source:}.
     *
     * @param chartLocation the chart's directory as messages name it
     */
    static String run(Workspace workspace, List<Path> valuesFiles, HelmOptions options, HelmLimits limits, String chartLocation) {
        TemplateCommand command = new Helm(workspace.chart()).template().withName(options.releaseName());
        if (!options.namespace().isEmpty()) {
            command = command.withNamespace(options.namespace());
        }
        if (!options.kubeVersion().isEmpty()) {
            command = command.withKubeVersion(options.kubeVersion());
        }
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        var task = new FutureTask<>(command);
        Thread.ofPlatform().daemon().name("helm-template").start(task);
        String output;
        try {
            output = task.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RenderException(Reason.TIMEOUT, new Origin(chartLocation, 0),
                    "Helm took longer than the limit of " + limits.timeout().toSeconds() + "s to render the chart");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException(Reason.IO, new Origin(chartLocation, 0), "interrupted while Helm rendered the chart", e);
        } catch (ExecutionException e) {
            throw failed(workspace, e.getCause(), chartLocation);
        }
        if ((long) output.length() > limits.maxOutputBytes() || output.getBytes(StandardCharsets.UTF_8).length > limits.maxOutputBytes()) {
            throw new RenderException(Reason.TOO_LARGE, new Origin(chartLocation, 0),
                    "Helm rendered more than the limit of " + RenderLimits.describeBytes(limits.maxOutputBytes()));
        }
        return output;
    }

    /** Helm's complaint, naming the user's files and the template where it is known. */
    private static RenderException failed(Workspace workspace, Throwable cause, String chartLocation) {
        String message = workspace.describe(String.valueOf(cause.getMessage()).strip(), chartLocation);
        Matcher place = TEMPLATE_PLACE.matcher(message);
        Origin origin = place.find()
                ? new Origin(TemplateOutput.located(place.group(1), chartLocation), Integer.parseInt(place.group(2)))
                : new Origin(chartLocation, 0);
        Reason reason = message.contains("missing in charts/ directory") ? Reason.NOT_FOUND : Reason.MALFORMED;
        return new RenderException(reason, origin, "Helm could not render the chart: " + HiddenHooks.restore(message), cause);
    }
}
