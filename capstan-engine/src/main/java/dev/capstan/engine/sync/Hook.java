package dev.capstan.engine.sync;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.capstan.engine.Manifest;

/**
 * What the hook annotations of one manifest say: the types it runs as ({@code PreSync,PostSync})
 * and when its object is deleted. A manifest without a hook annotation is a plain resource.
 */
record Hook(Set<HookType> types, Set<HookDeletePolicy> deletePolicies) {

    Hook {
        types = Set.copyOf(types);
        deletePolicies = Set.copyOf(deletePolicies);
    }

    /** The hook a desired manifest declares, or empty for a plain resource; bad values are errors naming the object. */
    static Optional<Hook> of(Manifest manifest) {
        Optional<SyncAnnotation.Found> hook = SyncAnnotation.HOOK.on(manifest);
        if (hook.isEmpty()) {
            return Optional.empty();
        }
        Set<HookType> types = parseList(manifest, hook.get(), HookType::named, HookType.class, HookType.allNames());
        Set<HookDeletePolicy> policies = SyncAnnotation.HOOK_DELETE_POLICY.on(manifest)
                .map(found -> parseList(manifest, found, HookDeletePolicy::named, HookDeletePolicy.class, HookDeletePolicy.allNames()))
                .orElse(EnumSet.of(HookDeletePolicy.DEFAULT));
        return Optional.of(new Hook(types, policies));
    }

    /** Whether a live object is a hook; lenient, because a live object's annotations are not the user's input any more. */
    static boolean isHook(Manifest live) {
        return SyncAnnotation.HOOK.on(live).isPresent();
    }

    /** A {@code Skip} hook is never applied. */
    boolean isSkipped() {
        return types.contains(HookType.SKIP);
    }

    /** The sync phases the hook runs in, in phase order; empty for hooks that run only on deletion. */
    List<SyncPhase> phases() {
        return Arrays.stream(SyncPhase.values())
                .filter(phase -> types.stream().anyMatch(type -> type.phase().orElse(null) == phase))
                .toList();
    }

    boolean deletes(HookDeletePolicy policy) {
        return deletePolicies.contains(policy);
    }

    private static <E extends Enum<E>> Set<E> parseList(Manifest manifest, SyncAnnotation.Found found,
            Function<String, Optional<E>> byName, Class<E> type, String allowed) {
        EnumSet<E> values = EnumSet.noneOf(type);
        for (String item : found.value().split(",")) {
            if (item.isBlank()) {
                continue;
            }
            values.add(byName.apply(item).orElseThrow(() -> new InvalidManifestException(manifest,
                    "annotation " + found.name() + " has unknown value \"" + item.strip() + "\" (allowed: " + allowed + ")")));
        }
        if (values.isEmpty()) {
            throw new InvalidManifestException(manifest, "annotation " + found.name() + " is empty (allowed: " + allowed + ")");
        }
        return values;
    }
}
