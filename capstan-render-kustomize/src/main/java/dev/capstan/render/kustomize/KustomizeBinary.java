package dev.capstan.render.kustomize;

import dev.capstan.localcluster.CapstanHome;
import dev.capstan.localcluster.ControlPlaneException;
import dev.capstan.localcluster.GoProgram;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The kustomize program Capstan renders with: built from Go modules by a pinned recipe (a
 * {@code go.mod} and {@code go.sum} beside this class) and cached by version (see
 * {@link GoProgram}), or a prebuilt one named by {@code $CAPSTAN_KUSTOMIZE}, checked to be the
 * same version; never taken from PATH.
 */
public final class KustomizeBinary {

    /** The kustomize release the recipe pins. */
    public static final String VERSION = "5.8.2";
    /** Names a kustomize program to use instead of building one. */
    public static final String PREBUILT = "CAPSTAN_KUSTOMIZE";

    static final GoProgram.Recipe RECIPE = new GoProgram.Recipe("kustomize", VERSION, "sigs.k8s.io/kustomize/kustomize/v5",
            KustomizeBinary.class, "recipe", List.of("version"));

    private final GoProgram program;

    private KustomizeBinary(GoProgram program) {
        this.program = program;
    }

    /** The cache in {@code <home>/cache/kustomize}, built with {@code $CAPSTAN_GO} or {@code go} from PATH. */
    public static KustomizeBinary inHome(CapstanHome home) {
        return new KustomizeBinary(GoProgram.inHome(RECIPE, home));
    }

    /**
     * The path of the kustomize program: the one {@code $CAPSTAN_KUSTOMIZE} names, checked to be
     * this version, or else the one built from the recipe, built first if the cache does not hold
     * it (about a minute with Go's build cache warm, a few on a fresh machine).
     *
     * @throws IllegalStateException when Go is missing or the build fails, with the build's last lines
     */
    public Path ensureBuilt() {
        String prebuilt = System.getenv(PREBUILT);
        if (prebuilt != null && !prebuilt.isBlank()) {
            return prebuilt(Path.of(prebuilt));
        }
        return program.ensureBuilt();
    }

    /**
     * A kustomize program built beforehand, as the controller's image holds it (it has no Go):
     * used when it is the version pinned here.
     */
    static Path prebuilt(Path executable) {
        try {
            GoProgram.verify(RECIPE, executable);
            return executable;
        } catch (IOException | ControlPlaneException e) {
            throw new IllegalStateException("$" + PREBUILT + " names " + executable + ", which is not kustomize " + VERSION + ": "
                    + e.getMessage(), e);
        }
    }
}
