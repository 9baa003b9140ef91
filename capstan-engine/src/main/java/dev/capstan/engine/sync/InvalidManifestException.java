package dev.capstan.engine.sync;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import dev.capstan.engine.ResourceKey;

/**
 * A desired manifest that cannot be synced as written: a sync annotation with a bad value, a
 * hook without a name, an object listed twice. The message names the object and, when known,
 * the file and line it came from, so the user can fix it; nothing is planned, so nothing is applied.
 */
public final class InvalidManifestException extends IllegalArgumentException {

    private final ResourceKey key;
    private final Origin origin;

    InvalidManifestException(Manifest manifest, String problem) {
        super(manifest + ": " + problem);
        this.key = manifest.key();
        this.origin = manifest.origin();
    }

    public ResourceKey key() {
        return key;
    }

    public Origin origin() {
        return origin;
    }
}
