package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Argo CD's Lua health checks, brought unchanged from the data of an {@code argocd-cm}
 * ConfigMap, so that a team moving to Capstan keeps the checks it wrote. Both of Argo CD's
 * formats are read:
 *
 * <pre>{@code
 * resource.customizations.health.cert-manager.io_Certificate: |   # <group>_<Kind>
 *   hs = {}
 *   ...
 *   return hs
 * resource.customizations.health.PersistentVolumeClaim: |         # core group: <Kind> alone
 *   ...
 * resource.customizations: |                                      # the older form, YAML
 *   example.com/Widget:
 *     health.lua: |
 *       ...
 *   "*.crossplane.io/*":                                          # wildcards (older form only)
 *     health.lua: |
 *       ...
 * }</pre>
 *
 * Other keys (Argo CD's other settings, actions, ignoreDifferences) are ignored. Where both forms
 * name a kind, the per-key form wins, as in Argo CD; an exact name wins over a wildcard. A
 * script sees the live object as the global {@code obj} and returns a table with {@code status}
 * (Healthy, Progressing, Degraded, Suspended, Missing or Unknown) and {@code message}. Scripts run
 * in a {@link LuaSandbox}: a fresh environment for every object, no {@code io}, {@code os},
 * {@code require} or {@code load}, and a budget of instructions and time. A script that fails in
 * any way gives {@code Unknown} with the reason, naming its ConfigMap key. Instances are immutable
 * and thread-safe.
 */
public final class LuaHealthScripts {

    /** The prefix of Argo CD's per-kind health keys. */
    public static final String HEALTH_KEY_PREFIX = "resource.customizations.health.";
    /** Argo CD's older key, whose value maps kinds to their customizations in YAML. */
    public static final String CUSTOMIZATIONS_KEY = "resource.customizations";

    private final String source;
    private final List<LuaHealthScript> scripts;
    private final List<String> problems;
    private final LuaSandbox sandbox;

    private LuaHealthScripts(String source, List<LuaHealthScript> scripts, List<String> problems, LuaSandbox sandbox) {
        this.source = source;
        this.scripts = List.copyOf(scripts);
        this.problems = List.copyOf(problems);
        this.sandbox = sandbox;
    }

    /**
     * Reads the health scripts from a ConfigMap's {@code data}. Never throws on bad content: a key
     * that cannot be read, or a script that does not compile, is reported by {@link #problems()}
     * (and a script that does not compile judges its kinds {@code Unknown}).
     *
     * @param source names the ConfigMap in {@link HealthAssessment#decidedBy()}, e.g.
     *               {@code ConfigMap/argocd/argocd-cm} or a file name
     */
    public static LuaHealthScripts fromConfigMapData(Map<String, String> data, String source) {
        return fromConfigMapData(data, source, LuaSandbox.defaults());
    }

    static LuaHealthScripts fromConfigMapData(Map<String, String> data, String source, LuaSandbox sandbox) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(source, "source");
        var byKinds = new LinkedHashMap<String, LuaHealthScript>();
        var problems = new ArrayList<String>();
        var sorted = new TreeMap<>(data);
        String customizations = sorted.get(CUSTOMIZATIONS_KEY);
        if (customizations != null) {
            customizations(customizations, byKinds, problems);
        }
        sorted.forEach((key, script) -> {
            if (key.startsWith(HEALTH_KEY_PREFIX)) {
                String kinds = kindsOf(key.substring(HEALTH_KEY_PREFIX.length()));
                if (kinds.isEmpty()) {
                    problems.add(key + ": expected " + HEALTH_KEY_PREFIX + "<group>_<Kind>, or <Kind> for the core group");
                } else {
                    byKinds.put(kinds, LuaHealthScript.compile(key, kinds, script == null ? "" : script));
                }
            }
        });
        byKinds.values().forEach(script -> script.problem().ifPresent(problem -> problems.add(script.key() + " " + problem)));
        var ordered = new ArrayList<LuaHealthScript>();
        byKinds.values().stream().filter(script -> !script.isWildcard()).forEach(ordered::add);
        byKinds.values().stream().filter(LuaHealthScript::isWildcard).forEach(ordered::add);
        return new LuaHealthScripts(source, ordered, problems, sandbox);
    }

    public static LuaHealthScripts none() {
        return new LuaHealthScripts("", List.of(), List.of(), LuaSandbox.defaults());
    }

    public String source() {
        return source;
    }

    public int size() {
        return scripts.size();
    }

    public boolean isEmpty() {
        return scripts.isEmpty();
    }

    /** The kinds with a script, in Argo CD's notation ({@code cert-manager.io/Certificate}, {@code *.crossplane.io/*}). */
    public List<String> kinds() {
        return scripts.stream().map(LuaHealthScript::kinds).toList();
    }

    /** Keys that could not be read and scripts that do not compile, each naming its key. */
    public List<String> problems() {
        return problems;
    }

    /** The verdict of the script for the object's kind, if there is one. */
    Optional<HealthAssessment> assess(Manifest live) {
        String notation = LuaHealthScript.notation(live.groupKind());
        for (LuaHealthScript script : scripts) {
            if (script.matches(notation)) {
                return Optional.of(new HealthAssessment(live.key(), script.assess(live, sandbox), "lua:" + source + ":" + script.kinds()));
            }
        }
        return Optional.empty();
    }

    /** {@code cert-manager.io_Certificate} is {@code cert-manager.io/Certificate}; {@code Pod} (or {@code _Pod}) is the core group's. */
    private static String kindsOf(String groupAndKind) {
        int underscore = groupAndKind.lastIndexOf('_');
        String group = underscore < 0 ? "" : groupAndKind.substring(0, underscore);
        String kind = groupAndKind.substring(underscore + 1);
        if (kind.isEmpty()) {
            return "";
        }
        return group.isEmpty() ? kind : group + "/" + kind;
    }

    private static void customizations(String yaml, Map<String, LuaHealthScript> byKinds, List<String> problems) {
        JsonNode root;
        try {
            root = ManifestFormat.YAML.readTree(yaml);
        } catch (JacksonException e) {
            problems.add(CUSTOMIZATIONS_KEY + ": not valid YAML: " + e.getOriginalMessage());
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            problems.add(CUSTOMIZATIONS_KEY + ": expected a mapping of <group>/<Kind> to customizations");
            return;
        }
        root.properties().forEach(entry -> {
            String kinds = entry.getKey().startsWith("/") ? entry.getKey().substring(1) : entry.getKey();
            JsonNode script = entry.getValue().path("health.lua");
            if (script.isString()) {
                byKinds.put(kinds, LuaHealthScript.compile(CUSTOMIZATIONS_KEY + " " + entry.getKey() + " health.lua", kinds, script.asString()));
            } else if (!script.isMissingNode()) {
                problems.add(CUSTOMIZATIONS_KEY + " " + entry.getKey() + ": health.lua must be a string");
            }
        });
    }

    @Override
    public String toString() {
        return source + " (" + scripts.size() + " Lua health checks)";
    }
}
