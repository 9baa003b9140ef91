package dev.capstan.engine.sync;

import java.util.Optional;

import dev.capstan.engine.Manifest;

/**
 * The annotations a manifest steers its own sync with. Capstan's {@code capstan.dev/...} name wins;
 * Argo CD's {@code argocd.argoproj.io/...} name is honoured too, so existing repositories work unchanged.
 */
enum SyncAnnotation {
    SYNC_WAVE("sync-wave"),
    HOOK("hook"),
    HOOK_DELETE_POLICY("hook-delete-policy"),
    SYNC_OPTIONS("sync-options");

    static final String CAPSTAN_PREFIX = "capstan.dev/";
    static final String ARGO_CD_PREFIX = "argocd.argoproj.io/";

    private final String suffix;

    SyncAnnotation(String suffix) {
        this.suffix = suffix;
    }

    /** {@code capstan.dev/sync-wave} and so on. */
    String capstanName() {
        return CAPSTAN_PREFIX + suffix;
    }

    /** {@code argocd.argoproj.io/sync-wave} and so on. */
    String argoCdName() {
        return ARGO_CD_PREFIX + suffix;
    }

    /** The annotation as set on {@code manifest}: Capstan's name first, then Argo CD's. */
    Optional<Found> on(Manifest manifest) {
        Optional<String> capstan = manifest.annotation(capstanName());
        if (capstan.isPresent()) {
            return Optional.of(new Found(capstanName(), capstan.get()));
        }
        return manifest.annotation(argoCdName()).map(value -> new Found(argoCdName(), value));
    }

    /** An annotation found on a manifest: its full name (for messages) and its value. */
    record Found(String name, String value) {
    }
}
