package dev.capstan.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ManifestFormat;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.health.HealthRules;
import dev.capstan.engine.health.LuaHealthScripts;

import picocli.CommandLine.Option;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Users' health rules: CEL rule files, from files or from ConfigMaps (every data key of the
 * ConfigMap is a rule file), and Argo CD's Lua health checks, from an {@code argocd-cm}-style
 * ConfigMap or a file holding one (or just its data). CEL rules come first, then Lua, then the
 * built-in checks.
 */
final class HealthRuleOptions {

    @Option(names = "--rules", paramLabel = "FILE", description = "A file of CEL health rules (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--rules-configmap", paramLabel = "NAMESPACE/NAME",
            description = "A ConfigMap whose data keys are CEL health rule files (repeatable).")
    List<String> configMaps = new ArrayList<>();

    @Option(names = "--lua-file", paramLabel = "FILE",
            description = {"Argo CD Lua health checks (repeatable): a YAML file holding an argocd-cm ConfigMap manifest, or just its data, "
                    + "a mapping of keys such as resource.customizations.health.<group>_<Kind> (or resource.customizations) to scripts."})
    List<Path> luaFiles = new ArrayList<>();

    @Option(names = "--lua-configmap", paramLabel = "NAMESPACE/NAME",
            description = "An argocd-cm-style ConfigMap with Argo CD Lua health checks, read from the cluster, e.g. argocd/argocd-cm (repeatable).")
    List<String> luaConfigMaps = new ArrayList<>();

    /**
     * The assessor with the rules; a cluster is asked for only when a ConfigMap is named. Lua keys
     * that cannot be read and scripts that do not compile are reported on {@code warnings}; such a
     * script judges its kinds Unknown.
     */
    HealthAssessor assessor(Supplier<ClusterClient> cluster, PrintWriter warnings) {
        HealthAssessor assessor = HealthAssessor.builtIn();
        for (Path file : files) {
            assessor = assessor.withRules(HealthRules.parse(read(file, "rules"), file.toString()));
        }
        for (String name : configMaps) {
            var key = configMapKey("--rules-configmap", name);
            for (Map.Entry<String, String> entry : dataOf(configMap(cluster, key, "health rules")).entrySet()) {
                assessor = assessor.withRules(HealthRules.parse(entry.getValue(), key + " " + entry.getKey()));
            }
        }
        for (Path file : luaFiles) {
            assessor = assessor.withLua(lua(luaDataOf(file), file.toString(), warnings));
        }
        for (String name : luaConfigMaps) {
            var key = configMapKey("--lua-configmap", name);
            assessor = assessor.withLua(lua(dataOf(configMap(cluster, key, "Lua health checks")), key.toString(), warnings));
        }
        return assessor;
    }

    private static LuaHealthScripts lua(Map<String, String> data, String source, PrintWriter warnings) {
        var scripts = LuaHealthScripts.fromConfigMapData(data, source);
        scripts.problems().forEach(problem -> warnings.println("warning: " + source + ": " + problem));
        if (scripts.isEmpty() && scripts.problems().isEmpty()) {
            warnings.println("warning: " + source + " has no Lua health checks (keys " + LuaHealthScripts.HEALTH_KEY_PREFIX
                    + "<group>_<Kind> or " + LuaHealthScripts.CUSTOMIZATIONS_KEY + ")");
        }
        warnings.flush();
        return scripts;
    }

    private static ResourceKey configMapKey(String option, String name) {
        String[] parts = name.split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UserError(option + " " + name + ": expected NAMESPACE/NAME");
        }
        return new ResourceKey("", "ConfigMap", parts[0], parts[1]);
    }

    private static Manifest configMap(Supplier<ClusterClient> cluster, ResourceKey key, String what) {
        return cluster.get().get(key).orElseThrow(() -> new UserError("the " + what + " ConfigMap " + key + " does not exist"));
    }

    private static Map<String, String> dataOf(Manifest configMap) {
        return stringsOf(configMap.at("/data"));
    }

    /** A ConfigMap manifest's data, or the file's mapping itself when it is not a manifest. */
    private static Map<String, String> luaDataOf(Path file) {
        JsonNode root;
        try {
            root = ManifestFormat.YAML.readTree(read(file, "Lua health checks"));
        } catch (JacksonException e) {
            throw new UserError("--lua-file " + file + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserError("--lua-file " + file + ": expected a ConfigMap or a mapping of argocd-cm keys to scripts");
        }
        if (root.path("kind").asString("").equals("ConfigMap")) {
            return stringsOf(root.path("data"));
        }
        return stringsOf(root);
    }

    private static Map<String, String> stringsOf(JsonNode mapping) {
        var data = new TreeMap<String, String>();
        mapping.properties().forEach(entry -> {
            if (entry.getValue().isString()) {
                data.put(entry.getKey(), entry.getValue().asString());
            }
        });
        return data;
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read the " + what + " file " + file + ": " + e.getMessage());
        }
    }
}
