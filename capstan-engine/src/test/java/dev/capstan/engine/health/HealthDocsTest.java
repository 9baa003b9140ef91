package dev.capstan.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.capstan.engine.GroupKind;

class HealthDocsTest {

    private static final Path FILE = Path.of("..", "docs", "health.md");

    @Test
    void docs_health_md_lists_the_library_as_it_is() throws IOException {
        String generated = HealthDocs.markdown(LibraryFiles.kinds());
        if ("write".equals(System.getProperty("capstan.health.docs"))) {
            Files.writeString(FILE, generated);
        }
        String written = Files.exists(FILE) ? Files.readString(FILE) : "";

        assertThat(written)
                .as("docs/health.md is out of date with the rule library; run with -Dcapstan.health.docs=write to regenerate: "
                        + HealthDocs.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void the_table_has_a_row_per_kind_with_its_summary_and_fixture_count_and_the_totals() {
        var kinds = List.of(
                new LibraryFiles.Kind(new GroupKind("cert-manager.io", "Certificate"), Path.of("cert-manager.io/Certificate.yaml"),
                        "# cert-manager Certificate (cert-manager.io/v1).\n# more\n- kind: Certificate\n",
                        List.of(Path.of("a.yaml"), Path.of("b.yaml"), Path.of("c.yaml"))),
                new LibraryFiles.Kind(new GroupKind("cert-manager.io", "Issuer"), Path.of("cert-manager.io/Issuer.yaml"),
                        "\n# Issuer | ClusterIssuer\n", List.of(Path.of("a.yaml"))),
                new LibraryFiles.Kind(GroupKind.core("Widget"), Path.of("core/Widget.yaml"), "- kind: Widget\n", List.of()));

        String markdown = HealthDocs.markdown(kinds);

        assertThat(markdown).contains("Covered: 3 kinds in 2 groups.")
                .contains("| cert-manager.io | Certificate | cert-manager Certificate (cert-manager.io/v1). | 3 |")
                .contains("| cert-manager.io | Issuer | Issuer \\| ClusterIssuer | 1 |")
                .contains("| core | Widget |  | 0 |")
                .contains(HealthDocs.REGENERATE);
    }
}
