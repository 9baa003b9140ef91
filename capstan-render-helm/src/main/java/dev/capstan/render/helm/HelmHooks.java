package dev.capstan.render.helm;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.render.RenderResult.Warning;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Helm's hooks and resource policy put in the terms Capstan's sync reads: {@code helm.sh/hook}
 * becomes a sync hook ({@code pre-install} and {@code pre-upgrade} run in PreSync,
 * {@code post-install} and {@code post-upgrade} in PostSync, {@code pre-delete} and
 * {@code post-delete} when the application is deleted), {@code helm.sh/hook-weight} the sync
 * wave, {@code helm.sh/hook-delete-policy} the hook delete policy, and
 * {@code helm.sh/resource-policy: keep} the sync option {@code Prune=false}. Hooks with no place
 * in a sync (tests, rollback hooks) are left out, with a warning.
 *
 * <p>An object that already says how it syncs, with Capstan's or Argo CD's hook, sync-wave or
 * hook-delete-policy annotation, keeps what it says: the Helm annotation is used only where
 * there is none.
 */
final class HelmHooks {

    static final String HOOK = "helm.sh/hook";
    static final String HOOK_WEIGHT = "helm.sh/hook-weight";
    static final String HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
    static final String RESOURCE_POLICY = "helm.sh/resource-policy";

    private static final String CAPSTAN = "capstan.dev/";
    private static final String ARGO_CD = "argocd.argoproj.io/";

    private static final Map<String, String> PHASES = Map.of(
            "pre-install", "PreSync",
            "pre-upgrade", "PreSync",
            "post-install", "PostSync",
            "post-upgrade", "PostSync",
            "pre-delete", "PreDelete",
            "post-delete", "PostDelete");

    private static final Map<String, String> DELETE_POLICIES = Map.of(
            "before-hook-creation", "BeforeHookCreation",
            "hook-succeeded", "HookSucceeded",
            "hook-failed", "HookFailed");

    /** The objects to sync, in the order given, and the hooks left out. */
    record Mapped(List<Manifest> manifests, List<Warning> warnings) {
    }

    private HelmHooks() {
    }

    static Mapped map(List<Manifest> rendered) {
        var manifests = new ArrayList<Manifest>();
        var warnings = new ArrayList<Warning>();
        for (Manifest manifest : rendered) {
            Optional<String> helmHook = manifest.annotation(HOOK);
            if (helmHook.isEmpty() || hasOwn(manifest, "hook")) {
                manifests.add(keepIfAsked(manifest));
                continue;
            }
            Set<String> phases = phasesOf(helmHook.get());
            if (phases.isEmpty()) {
                warnings.add(new Warning(manifest.origin(), manifest.key() + " is a Helm " + helmHook.get().strip()
                        + " hook, which has no place in a sync; it is not applied"));
                continue;
            }
            manifests.add(keepIfAsked(asSyncHook(manifest, phases)));
        }
        return new Mapped(manifests, warnings);
    }

    private static Set<String> phasesOf(String hooks) {
        var phases = new LinkedHashSet<String>();
        for (String hook : hooks.split(",")) {
            String phase = PHASES.get(hook.strip());
            if (phase != null) {
                phases.add(phase);
            }
        }
        return phases;
    }

    private static Manifest asSyncHook(Manifest manifest, Set<String> phases) {
        Optional<String> weight = manifest.annotation(HOOK_WEIGHT).map(String::strip).filter(w -> !w.isEmpty());
        Optional<String> deletePolicy = manifest.annotation(HOOK_DELETE_POLICY).map(HelmHooks::deletePolicies).filter(p -> !p.isEmpty());
        return manifest.with(object -> {
            ObjectNode annotations = annotations(object);
            annotations.put(CAPSTAN + "hook", String.join(",", phases));
            if (weight.isPresent() && !hasOwn(manifest, "sync-wave")) {
                annotations.put(CAPSTAN + "sync-wave", weight.get());
            }
            if (deletePolicy.isPresent() && !hasOwn(manifest, "hook-delete-policy")) {
                annotations.put(CAPSTAN + "hook-delete-policy", deletePolicy.get());
            }
        });
    }

    private static String deletePolicies(String helmPolicies) {
        var policies = new LinkedHashSet<String>();
        for (String policy : helmPolicies.split(",")) {
            String mapped = DELETE_POLICIES.get(policy.strip());
            if (mapped != null) {
                policies.add(mapped);
            }
        }
        return String.join(",", policies);
    }

    /** {@code helm.sh/resource-policy: keep} as {@code Prune=false}, added last so that it wins. */
    private static Manifest keepIfAsked(Manifest manifest) {
        if (!manifest.annotation(RESOURCE_POLICY).map(policy -> policy.strip().equals("keep")).orElse(false)) {
            return manifest;
        }
        String name = manifest.annotation(CAPSTAN + "sync-options").isPresent() || manifest.annotation(ARGO_CD + "sync-options").isEmpty()
                ? CAPSTAN + "sync-options" : ARGO_CD + "sync-options";
        String options = manifest.annotation(name).map(String::strip).filter(o -> !o.isEmpty()).map(o -> o + ",").orElse("") + "Prune=false";
        return manifest.with(object -> annotations(object).put(name, options));
    }

    private static boolean hasOwn(Manifest manifest, String suffix) {
        return manifest.annotation(CAPSTAN + suffix).isPresent() || manifest.annotation(ARGO_CD + suffix).isPresent();
    }

    private static ObjectNode annotations(ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        return metadata.withObjectProperty("annotations");
    }
}
