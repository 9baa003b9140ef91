package dev.capstan.engine.render;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.render.RenderException.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule that an application defines each object once: two definitions of the same group,
 * kind, namespace and name would fight over the live object, and which one wins would depend on
 * file order. Keys are compared as written, before any default namespace is applied.
 */
final class UniqueKeys {

    private UniqueKeys() {
    }

    /** @throws RenderException {@code DUPLICATE} naming the object and both places it is defined */
    static void require(List<Manifest> manifests) {
        Map<ResourceKey, Manifest> seen = new HashMap<>();
        for (Manifest manifest : manifests) {
            Manifest first = seen.putIfAbsent(manifest.key(), manifest);
            if (first != null) {
                throw new RenderException(Reason.DUPLICATE, manifest.origin(),
                        manifest.key() + " is defined twice, at " + first.origin() + " and at " + manifest.origin());
            }
        }
    }
}
