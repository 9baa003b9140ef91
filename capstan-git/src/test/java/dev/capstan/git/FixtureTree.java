package dev.capstan.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Files and symbolic links by path, written the same way to a directory or to a Git commit. */
final class FixtureTree {

    sealed interface Node {
        byte[] bytes();
    }

    record File(String content) implements Node {
        @Override
        public byte[] bytes() {
            return content.getBytes(StandardCharsets.UTF_8);
        }
    }

    record Link(String target) implements Node {
        @Override
        public byte[] bytes() {
            return target.getBytes(StandardCharsets.UTF_8);
        }
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

    Map<String, Node> nodes() {
        return Map.copyOf(nodes);
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
}
