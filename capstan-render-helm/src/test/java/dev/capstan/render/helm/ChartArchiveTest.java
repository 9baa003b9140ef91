package dev.capstan.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;
import dev.capstan.engine.render.RenderLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartArchiveTest {

    @TempDir
    Path directory;

    @Test
    void unpacks_the_chart_without_its_top_directory() throws IOException {
        Path archive = archive(Map.of("web/Chart.yaml", "name: web\n", "web/templates/cm.yaml", "kind: ConfigMap\n"));

        ChartArchive.extract(archive, directory.resolve("chart"), new ReadBudget(RenderLimits.defaults()), "web");

        assertThat(directory.resolve("chart/Chart.yaml")).hasContent("name: web");
        assertThat(directory.resolve("chart/templates/cm.yaml")).hasContent("kind: ConfigMap");
    }

    @Test
    void refuses_an_entry_that_leads_out_of_the_chart() throws IOException {
        Path archive = archive(Map.of("web/Chart.yaml", "name: web\n", "web/../../escaped.txt", "x"));

        assertThatThrownBy(() -> ChartArchive.extract(archive, directory.resolve("chart"), new ReadBudget(RenderLimits.defaults()), "web"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PATH_OUTSIDE_ROOT))
                .hasMessage("web holds web/../../escaped.txt, which leads out of the chart");
        assertThat(directory.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void refuses_an_archive_larger_than_the_read_limit() throws IOException {
        Path archive = archive(Map.of("web/Chart.yaml", "name: web\n", "web/big.txt", "x".repeat(2000)));

        assertThatThrownBy(() -> ChartArchive.extract(archive, directory.resolve("chart"), new ReadBudget(RenderLimits.defaults().withMaxTotalBytes(1000)), "web"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }

    @Test
    void refuses_an_archive_without_a_chart() throws IOException {
        Path archive = archive(Map.of("web/README.md", "hello\n"));

        assertThatThrownBy(() -> ChartArchive.extract(archive, directory.resolve("chart"), new ReadBudget(RenderLimits.defaults()), "web"))
                .isInstanceOfSatisfying(RenderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED))
                .hasMessage("web is not a chart archive: it has no Chart.yaml at its top");
    }

    /** A gzipped ustar archive of regular files, in the order given. */
    private Path archive(Map<String, String> files) throws IOException {
        var tar = new ByteArrayOutputStream();
        for (Map.Entry<String, String> file : new LinkedHashMap<>(files).entrySet()) {
            byte[] body = file.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            put(header, 0, file.getKey());
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", body.length));
            header[156] = '0';
            put(header, 257, "ustar");
            tar.write(header);
            tar.write(body);
            tar.write(new byte[(512 - body.length % 512) % 512]);
        }
        tar.write(new byte[1024]);
        Path archive = Files.createTempFile(directory, "chart-", ".tgz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(tar.toByteArray());
        }
        return archive;
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
