package dev.capstan.controller;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.capstan.engine.render.LinkResolver;
import dev.capstan.engine.render.SourceTree;

/**
 * A source tree that records where a render read: every path asked for, and where links led.
 * Paths inside the application's own directory are recorded as that directory, so the record of
 * a render is its directory plus whatever it read elsewhere (a Kustomize base, a value file, a
 * Jsonnet library, a link's target). The render is the same at another commit whose record has
 * the same {@link SourceTree#version versions}.
 */
final class RecordingTree implements SourceTree {

    private final SourceTree tree;
    private final String root;
    private final Set<String> read = new TreeSet<>();

    RecordingTree(SourceTree tree, String applicationPath) {
        this.tree = tree;
        this.root = LinkResolver.normalise(applicationPath);
        read.add(root);
    }

    /** The paths read, the application's directory standing for everything inside it. */
    synchronized List<String> read() {
        return List.copyOf(read);
    }

    @Override
    public List<Entry> list(String directory) {
        record(directory);
        tree.resolve(directory).ifPresent(entry -> record(entry.path()));
        return tree.list(directory);
    }

    @Override
    public Optional<Entry> resolve(String path) {
        record(path);
        Optional<Entry> entry = tree.resolve(path);
        entry.ifPresent(found -> record(found.path()));
        return entry;
    }

    @Override
    public byte[] read(String file, long maxBytes) {
        record(file);
        tree.resolve(file).ifPresent(entry -> record(entry.path()));
        return tree.read(file, maxBytes);
    }

    @Override
    public Optional<String> version(String path) {
        return tree.version(path);
    }

    private synchronized void record(String path) {
        String normalised;
        try {
            normalised = LinkResolver.normalise(path);
        } catch (RuntimeException e) {
            return; // a path the tree refuses: the render fails on it, and failures are not kept
        }
        if (root.equals(".") || normalised.equals(root) || normalised.startsWith(root + "/")) {
            return;
        }
        read.add(normalised);
    }
}
