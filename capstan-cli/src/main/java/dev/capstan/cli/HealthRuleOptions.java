package dev.capstan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.cluster.ClusterClient;
import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.health.HealthRules;

import picocli.CommandLine.Option;

/**
 * Users' CEL health rules, from files or from ConfigMaps (every data key of the ConfigMap is a
 * rule file), applied before the built-in checks.
 */
final class HealthRuleOptions {

    @Option(names = "--rules", paramLabel = "FILE", description = "A file of CEL health rules (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--rules-configmap", paramLabel = "NAMESPACE/NAME",
            description = "A ConfigMap whose data keys are CEL health rule files (repeatable).")
    List<String> configMaps = new ArrayList<>();

    /** The assessor with the rules; a cluster is asked for only when a ConfigMap is named. */
    HealthAssessor assessor(Supplier<ClusterClient> cluster) {
        HealthAssessor assessor = HealthAssessor.builtIn();
        for (Path file : files) {
            assessor = assessor.withRules(HealthRules.parse(read(file), file.toString()));
        }
        for (String name : configMaps) {
            String[] parts = name.split("/");
            if (parts.length != 2) {
                throw new UserError("--rules-configmap " + name + ": expected NAMESPACE/NAME");
            }
            var key = new ResourceKey("", "ConfigMap", parts[0], parts[1]);
            Manifest configMap = cluster.get().get(key)
                    .orElseThrow(() -> new UserError("the health rules ConfigMap " + key + " does not exist"));
            for (Map.Entry<String, String> entry : dataOf(configMap).entrySet()) {
                assessor = assessor.withRules(HealthRules.parse(entry.getValue(), key + " " + entry.getKey()));
            }
        }
        return assessor;
    }

    private static Map<String, String> dataOf(Manifest configMap) {
        var data = new java.util.TreeMap<String, String>();
        configMap.at("/data").properties().forEach(entry -> data.put(entry.getKey(), entry.getValue().asString()));
        return data;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read the rules file " + file + ": " + e.getMessage());
        }
    }
}
