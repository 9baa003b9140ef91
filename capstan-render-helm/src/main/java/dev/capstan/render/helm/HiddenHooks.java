package dev.capstan.render.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Keeps Helm from setting hooks aside. helm-java renders a chart as a client-side install, whose
 * output holds only the release's manifest: objects with a {@code helm.sh/hook} annotation are
 * kept apart as hooks and never printed. Capstan runs hooks itself ({@link HelmHooks}), so before
 * rendering every file of the chart and of the values has {@code helm.sh/hook} written as
 * {@code capstan.dev/helm-hook}, which Helm does not know, and the output has it written back.
 * The stand-in is only ever seen between the two steps.
 */
final class HiddenHooks {

    static final String HELM = "helm.sh/hook";
    static final String STAND_IN = "capstan.dev/helm-hook";

    // Latin-1 maps each byte to one char and back, so any file, text or not, survives unchanged
    private static final String HELM_BYTES = new String(HELM.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    private static final String STAND_IN_BYTES = new String(STAND_IN.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

    private HiddenHooks() {
    }

    /** Rewrites each regular file under {@code directory} that names the hook annotation. */
    static void hideIn(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                byte[] hidden = hide(bytes);
                if (hidden != bytes) {
                    Files.write(file, hidden);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bytes} with the hook annotation's name replaced; the same array when it has none. */
    static byte[] hide(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.contains(HELM_BYTES) ? text.replace(HELM_BYTES, STAND_IN_BYTES).getBytes(StandardCharsets.ISO_8859_1) : bytes;
    }

    /** Helm's output with the hook annotation's name as the chart wrote it. */
    static String restore(String output) {
        return output.replace(STAND_IN, HELM);
    }

}
