package dev.capstan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sample repository of {@code capstan demo}: the files of {@code examples/demo-repo}, packed
 * into the jar at build time, with {@value #REPO_URL} replaced by the URL the demo serves them at.
 */
final class DemoRepository {

    static final String REPO_URL = "${REPO_URL}";
    private static final String ROOT = "dev/capstan/cli/demo/repo/";
    private static final String MARKER = ROOT + "README.md";

    private DemoRepository() {
    }

    /** Every file of the sample repository by its path, with the repository URL filled in. */
    static Map<String, byte[]> files(String repositoryUrl) {
        URL marker = DemoRepository.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new IllegalStateException("the demo repository is not in this build (" + MARKER + " is missing)");
        }
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath("/" + ROOT), repositoryUrl);
                }
            }
            return read(Path.of(uri).getParent(), repositoryUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo repository: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> read(Path root, String repositoryUrl) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8).replace(REPO_URL, repositoryUrl);
                files.put(root.relativize(file).toString().replace('\\', '/'), text.getBytes(StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
