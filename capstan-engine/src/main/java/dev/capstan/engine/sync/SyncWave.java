package dev.capstan.engine.sync;

import dev.capstan.engine.Manifest;

/**
 * The wave a manifest syncs in: the integer of its sync-wave annotation, or 0. Lower waves run
 * first; negative waves are allowed.
 */
final class SyncWave {

    static final int DEFAULT = 0;

    private SyncWave() {
    }

    /** The wave of a desired manifest; a value that is not an integer is an error naming the object. */
    static int of(Manifest manifest) {
        return SyncAnnotation.SYNC_WAVE.on(manifest).map(found -> parse(manifest, found)).orElse(DEFAULT);
    }

    /**
     * The wave of a live object (a prune candidate). It was valid when applied; if someone has since
     * broken it, the object is treated as wave 0 rather than blocking the whole sync.
     */
    static int ofLive(Manifest live) {
        try {
            return of(live);
        } catch (InvalidManifestException e) {
            return DEFAULT;
        }
    }

    private static int parse(Manifest manifest, SyncAnnotation.Found found) {
        try {
            return Integer.parseInt(found.value().strip());
        } catch (NumberFormatException e) {
            throw new InvalidManifestException(manifest,
                    "annotation " + found.name() + " must be an integer, got \"" + found.value() + "\"");
        }
    }
}
