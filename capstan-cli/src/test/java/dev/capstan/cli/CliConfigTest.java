package dev.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigTest {

    @TempDir
    Path directory;

    @Test
    void the_session_is_stored_readable_by_its_owner_only_and_read_back() throws Exception {
        Path file = directory.resolve("nested").resolve("config.json");
        new CliConfig("http://127.0.0.1:8080", "secret-token").write(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CliConfig.read(file)).contains(new CliConfig("http://127.0.0.1:8080", "secret-token"));
        assertThat(new CliConfig("http://x", "secret-token").toString()).doesNotContain("secret-token");
        assertThat(CliConfig.read(directory.resolve("absent.json"))).isEmpty();
    }

    @Test
    void the_file_is_where_capstan_config_says_else_in_the_home_directory() {
        assertThat(CliConfig.location(Map.of("CAPSTAN_CONFIG", "/tmp/c.json"))).isEqualTo(Path.of("/tmp/c.json"));
        assertThat(CliConfig.location(Map.of()).toString()).endsWith("/.config/capstan/config.json");
    }

    @Test
    void the_server_named_with_or_without_a_trailing_slash_is_the_same() {
        assertThat(ServerMode.sameServer("http://h:8080/", "http://h:8080")).isTrue();
        assertThat(ServerMode.sameServer("http://h:8080", "http://other:8080")).isFalse();
    }
}
