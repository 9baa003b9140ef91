package dev.capstan.git;

import dev.capstan.git.serve.HostedRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Files and symbolic links by path, written the same way to a directory or to a Git commit. */
final class FixtureTree {

    private sealed interface Node {
    }

    private record File(String content) implements Node {
    }

    private record Link(String target) implements Node {
    }

    private final Map<String, Node> nodes = new TreeMap<>();

    FixtureTree file(String path, String content) {
        nodes.put(path, new File(content));
        return this;
    }

    FixtureTree link(String path, String target) {
        nodes.put(path, new Link(target));
        return this;
    }

    void writeTo(Path root) {
        try {
            for (Map.Entry<String, Node> node : nodes.entrySet()) {
                Path path = root.resolve(node.getKey());
                Files.createDirectories(path.getParent());
                switch (node.getValue()) {
                    case File file -> Files.writeString(path, file.content());
                    case Link link -> Files.createSymbolicLink(path, Path.of(link.target()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits exactly this tree on {@code branch}; links keep their targets byte for byte (a
     * directory on disk would tidy {@code web/} into {@code web}). The commit's SHA.
     */
    String commitTo(HostedRepository repository, String branch) {
        Map<String, byte[]> files = new TreeMap<>();
        Map<String, String> links = new TreeMap<>();
        nodes.forEach((path, node) -> {
            switch (node) {
                case File file -> files.put(path, file.content().getBytes(StandardCharsets.UTF_8));
                case Link link -> links.put(path, link.target());
            }
        });
        return repository.replaceTree(branch, files, links, "fixture on " + branch);
    }
}
