package dev.capstan.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.DirectoryOptions;
import dev.capstan.engine.render.DirectoryRenderer;
import dev.capstan.engine.render.DirectorySourceTree;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One file of the diff corpus: manifests as people keep them in Git, without namespaces, and
 * how to make them this test run's own (the way a sync would: namespace set, cluster-scoped
 * names and CRD groups made unique, references within the file following the renames).
 */
record CorpusCase(String name, URI source, List<Manifest> documents) {

    private static final GroupKind CRD = new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition");

    /** The names a manifest may use to refer to a cluster-scoped object of a kind. */
    private record Reference(String pointer, String kind) {
    }

    private static final List<Reference> REFERENCES = List.of(
            new Reference("/spec/ingressClassName", "IngressClass"),
            new Reference("/spec/template/spec/priorityClassName", "PriorityClass"),
            new Reference("/spec/jobTemplate/spec/template/spec/priorityClassName", "PriorityClass"));

    /** Every {@code .yaml} file of a directory on the test class path, by name. */
    static List<CorpusCase> loadAll(String directory) {
        try (Stream<Path> files = Files.list(Path.of(CorpusCase.class.getClassLoader().getResource(directory).toURI()))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted()
                    .map(file -> load(directory, file)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a case exactly as a directory source would be read (kubectl's YAML rules included). */
    private static CorpusCase load(String directory, Path file) {
        String name = file.getFileName().toString();
        List<Manifest> manifests = new DirectoryRenderer()
                .render(new DirectorySourceTree(file.getParent()), ".", DirectoryOptions.defaults().withInclude(name))
                .manifests();
        return new CorpusCase(name, file.toUri(), manifests);
    }

    /**
     * The documents ready to apply: namespaced objects in {@code namespace}; cluster-scoped
     * objects named {@code name-suffix}; a CRD's group prefixed with {@code suffix.} and its
     * resources' apiVersion with it; role references, ingress class and priority class names,
     * and ServiceAccount subjects of ClusterRoleBindings following suit.
     */
    List<Manifest> preparedFor(String namespace, String suffix, Predicate<GroupKind> namespaced) {
        Map<String, String> groups = new HashMap<>();
        Map<GroupKind, Boolean> customScopes = new HashMap<>();
        for (Manifest document : documents) {
            if (document.groupKind().equals(CRD)) {
                String group = document.string("/spec/group");
                groups.put(group, suffix + "." + group);
                customScopes.put(new GroupKind(group, document.string("/spec/names/kind")),
                        document.string("/spec/scope").equals("Namespaced"));
            }
        }
        Map<String, String> renamed = new HashMap<>();
        var prepared = new ArrayList<Manifest>();
        for (Manifest document : documents) {
            boolean isNamespaced = customScopes.getOrDefault(document.groupKind(), false)
                    || (!customScopes.containsKey(document.groupKind()) && namespaced.test(document.groupKind()));
            if (!isNamespaced && !document.groupKind().equals(CRD)) {
                renamed.put(document.kind() + "/" + document.name(), document.name() + "-" + suffix);
            }
            prepared.add(document.with(object -> {
                ObjectNode metadata = object.withObject("/metadata");
                if (document.groupKind().equals(CRD)) {
                    String group = groups.get(document.string("/spec/group"));
                    object.withObject("/spec").put("group", group);
                    metadata.put("name", document.string("/spec/names/plural") + "." + group);
                } else if (isNamespaced) {
                    metadata.put("namespace", namespace);
                } else {
                    metadata.put("name", document.name() + "-" + suffix);
                }
                String group = GroupKind.groupOf(document.apiVersion());
                if (groups.containsKey(group)) {
                    object.put("apiVersion", groups.get(group) + document.apiVersion().substring(group.length()));
                }
            }));
        }
        return prepared.stream().map(document -> followRenames(document, namespace, renamed)).toList();
    }

    private static Manifest followRenames(Manifest document, String namespace, Map<String, String> renamed) {
        return document.with(object -> {
            String roleRef = document.string("/roleRef/kind") + "/" + document.string("/roleRef/name");
            if (renamed.containsKey(roleRef)) {
                object.withObject("/roleRef").put("name", renamed.get(roleRef));
            }
            for (Reference reference : REFERENCES) {
                String target = reference.kind() + "/" + document.string(reference.pointer());
                if (renamed.containsKey(target)) {
                    int last = reference.pointer().lastIndexOf('/');
                    object.withObject(reference.pointer().substring(0, last))
                            .put(reference.pointer().substring(last + 1), renamed.get(target));
                }
            }
            if (document.kind().equals("ClusterRoleBinding")) {
                for (JsonNode subject : object.path("subjects")) {
                    if (subject instanceof ObjectNode s && s.path("kind").asString().equals("ServiceAccount") && !s.has("namespace")) {
                        s.put("namespace", namespace);
                    }
                }
            }
        });
    }

    @Override
    public String toString() {
        return name;
    }
}
