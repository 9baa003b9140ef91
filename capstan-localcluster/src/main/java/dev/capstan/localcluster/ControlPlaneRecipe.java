package dev.capstan.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the local control plane is built from: three Go wrapper modules whose {@code go.mod} and
 * {@code go.sum} are the project's own files (resources beside this class), and the Go packages
 * built from each. The cache key of the built binaries is derived from all of it, so changing a
 * version, a flag or a checksum builds anew.
 */
public final class ControlPlaneRecipe {

    public static final String KUBERNETES_VERSION = "1.36.3";
    public static final String ETCD_VERSION = "3.6.16";
    public static final String KWOK_VERSION = "0.8.0";

    /** The stage files of kwok's module that give nodes and pods their lifecycle. */
    static final List<String> KWOK_STAGES = List.of(
            "kustomize/stage/node/fast/node-initialize.yaml",
            "kustomize/stage/pod/fast/pod-ready.yaml",
            "kustomize/stage/pod/fast/pod-complete.yaml",
            "kustomize/stage/pod/fast/pod-delete.yaml");

    /** One {@code go build} of one or more commands from one wrapper module. */
    record GoBuild(String label, String module, List<Binary> binaries, String ldflags) {
        String describe() {
            return label + " " + module + " " + binaries + " " + ldflags;
        }
    }

    /** A command: the name of the file it is built to and its Go package. */
    record Binary(String name, String goPackage) {
    }

    static final List<GoBuild> BUILDS = List.of(
            new GoBuild("etcd " + ETCD_VERSION, "etcd",
                    List.of(new Binary("etcd", "go.etcd.io/etcd/server/v3")), "-s -w"),
            new GoBuild("kwok " + KWOK_VERSION, "kwok",
                    List.of(new Binary("kwok", "sigs.k8s.io/kwok/cmd/kwok")), "-s -w"),
            new GoBuild("kubernetes " + KUBERNETES_VERSION, "k8s",
                    List.of(new Binary("kube-apiserver", "k8s.io/kubernetes/cmd/kube-apiserver"),
                            new Binary("kube-controller-manager", "k8s.io/kubernetes/cmd/kube-controller-manager"),
                            new Binary("kube-scheduler", "k8s.io/kubernetes/cmd/kube-scheduler"),
                            new Binary("kubectl", "k8s.io/kubernetes/cmd/kubectl")),
                    kubernetesLdflags()));

    static final List<String> MODULE_FILES = List.of("go.mod", "go.sum");

    private ControlPlaneRecipe() {
    }

    /** All binaries, in the order they are built. */
    static Stream<Binary> binaries() {
        return BUILDS.stream().flatMap(build -> build.binaries().stream());
    }

    /**
     * The name of the cache directory for this recipe built by {@code goVersion} on this platform:
     * component versions, Go version, OS and architecture, and a hash of the recipe itself.
     */
    static String cacheKey(String goVersion, String goos, String goarch) {
        return "k8s-" + KUBERNETES_VERSION + "_etcd-" + ETCD_VERSION + "_kwok-" + KWOK_VERSION
                + "_" + goVersion + "_" + goos + "-" + goarch + "_" + recipeHash().substring(0, 12);
    }

    static String recipeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (GoBuild build : BUILDS) {
                digest.update(build.describe().getBytes(StandardCharsets.UTF_8));
                for (String file : MODULE_FILES) {
                    digest.update(moduleFile(build.module(), file));
                }
            }
            KWOK_STAGES.forEach(stage -> digest.update(stage.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] moduleFile(String module, String file) {
        String resource = "recipe/" + module + "/" + file;
        try (InputStream in = ControlPlaneRecipe.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " beside " + ControlPlaneRecipe.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Version stamps as Kubernetes' own build sets them, so that /version tells the truth. */
    private static String kubernetesLdflags() {
        String minor = KUBERNETES_VERSION.split("\\.")[1];
        var flags = new StringBuilder("-s -w");
        for (String pkg : List.of("k8s.io/component-base/version", "k8s.io/client-go/pkg/version")) {
            flags.append(" -X ").append(pkg).append(".gitVersion=v").append(KUBERNETES_VERSION)
                    .append(" -X ").append(pkg).append(".gitMajor=1")
                    .append(" -X ").append(pkg).append(".gitMinor=").append(minor)
                    .append(" -X ").append(pkg).append(".gitTreeState=clean")
                    .append(" -X ").append(pkg).append(".buildDate=2026-01-01T00:00:00Z");
        }
        return flags.toString();
    }
}
