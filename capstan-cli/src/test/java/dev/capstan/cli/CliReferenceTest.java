package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class CliReferenceTest {

    private static final Path FILE = Path.of("..", "docs", "cli-reference.md");

    @Test
    void docs_cli_reference_is_what_the_commands_say() throws IOException {
        String generated = CliReference.markdown();
        if (Boolean.getBoolean("capstan.regenerate")) {
            Files.writeString(FILE, generated);
        }
        String written = Files.exists(FILE) ? Files.readString(FILE) : "";

        assertThat(written)
                .as("docs/cli-reference.md is out of date with the commands; regenerate it: " + CliReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void covers_every_command_with_its_options() {
        String reference = CliReference.markdown();

        assertThat(reference).contains("## capstan app create", "## capstan app rollback", "## capstan repo add",
                "## capstan proj create", "## capstan install", "## capstan cluster local up");
        assertThat(reference).doesNotContain("## capstan cluster local run");
        assertThat(reference).contains("| `--timeout DURATION` |", "| `--self-heal[=BOOLEAN]` |", "| `--prune` |");
        assertThat(reference).contains("(default: 5m)", "table (default), wide, name, yaml or json. | `table` |");
    }
}
