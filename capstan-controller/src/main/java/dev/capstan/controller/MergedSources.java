package dev.capstan.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.render.RenderException;
import dev.capstan.engine.render.RenderException.Reason;

/**
 * The manifests of a multi-source application: each source's, in the order of the sources. An
 * object two sources define would be fought over by them, so it is refused, naming both.
 */
final class MergedSources {

    private MergedSources() {
    }

    /** One source's placed manifests, with how messages name the source ({@code spec.sources[1] (repo, path)}). */
    record Part(String source, List<Manifest> manifests) {
    }

    /** @throws RenderException {@code DUPLICATE} naming the object, both sources and both files */
    static List<Manifest> merge(List<Part> parts) {
        Map<ResourceKey, String> definedBy = new HashMap<>();
        Map<ResourceKey, Manifest> first = new HashMap<>();
        var merged = new ArrayList<Manifest>();
        for (Part part : parts) {
            for (Manifest manifest : part.manifests()) {
                String earlier = definedBy.putIfAbsent(manifest.key(), part.source());
                if (earlier != null) {
                    throw new RenderException(Reason.DUPLICATE, manifest.origin(), manifest.key() + " is defined by two sources: "
                            + earlier + " at " + first.get(manifest.key()).origin() + ", and " + part.source() + " at " + manifest.origin());
                }
                first.put(manifest.key(), manifest);
                merged.add(manifest);
            }
        }
        return List.copyOf(merged);
    }
}
