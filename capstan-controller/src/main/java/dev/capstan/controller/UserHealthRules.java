package dev.capstan.controller;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.capstan.engine.health.HealthAssessor;
import dev.capstan.engine.health.HealthRules;
import dev.capstan.engine.health.HealthRulesException;
import dev.capstan.engine.health.LuaHealthScripts;

/**
 * Users' health rules for the controller, read once at start from the ConfigMaps named by
 * {@link ControllerOptions.HealthSources} in its namespace: CEL rule files (one per data key) and
 * Argo CD Lua health checks (an {@code argocd-cm}-style data map). Nothing here stops the
 * controller: a ConfigMap that is absent or cannot be read means no rules from it, a key that is
 * not a rule file is logged naming the key and left out, and a rule or script that does not
 * compile is logged and judges its kind {@code Unknown}, so the user sees it on the resource.
 */
final class UserHealthRules {

    private static final Logger LOG = LoggerFactory.getLogger(UserHealthRules.class);

    private UserHealthRules() {
    }

    /** {@code base} with the rules of the ConfigMaps read from the cluster. */
    static HealthAssessor load(KubernetesClient client, String namespace, ControllerOptions.HealthSources sources, HealthAssessor base) {
        return load(name -> read(client, namespace, name), namespace, sources, base);
    }

    /** {@code base} with the rules of the ConfigMaps whose data {@code data} gives (empty when a ConfigMap is absent). */
    static HealthAssessor load(Function<String, Optional<Map<String, String>>> data, String namespace,
                               ControllerOptions.HealthSources sources, HealthAssessor base) {
        HealthAssessor assessor = base;
        String rulesSource = "ConfigMap/" + namespace + "/" + sources.rulesConfigMap();
        var rules = data.apply(sources.rulesConfigMap());
        if (rules.isPresent()) {
            int loaded = 0;
            for (var entry : new TreeMap<>(rules.get()).entrySet()) {
                String source = rulesSource + " " + entry.getKey();
                try {
                    HealthRules parsed = HealthRules.parse(entry.getValue(), source);
                    parsed.problems().forEach(problem -> LOG.warn("health rules {}: {} (objects of its kind are Unknown until it is fixed)", source, problem));
                    assessor = assessor.withRules(parsed);
                    loaded += parsed.size();
                } catch (HealthRulesException e) {
                    LOG.error("health rules {}: left out, it is not a rule file: {}", source, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("health rules {}: left out, it could not be read: {}", source, e.toString());
                }
            }
            LOG.info("health rules: {} CEL rules from {}", loaded, rulesSource);
        }
        String luaSource = "ConfigMap/" + namespace + "/" + sources.luaConfigMap();
        var lua = data.apply(sources.luaConfigMap());
        if (lua.isPresent()) {
            try {
                LuaHealthScripts scripts = LuaHealthScripts.fromConfigMapData(lua.get(), luaSource);
                scripts.problems().forEach(problem -> LOG.warn("Lua health checks {}: {}", luaSource, problem));
                assessor = assessor.withLua(scripts);
                LOG.info("health rules: {} Lua health checks from {} ({})", scripts.size(), luaSource, String.join(", ", scripts.kinds()));
            } catch (RuntimeException e) {
                LOG.error("Lua health checks {}: left out, they could not be read: {}", luaSource, e.toString());
            }
        }
        return assessor;
    }

    private static Optional<Map<String, String>> read(KubernetesClient client, String namespace, String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
            if (configMap == null) {
                LOG.info("health rules: no ConfigMap {}/{}, so none from it", namespace, name);
                return Optional.empty();
            }
            return Optional.of(configMap.getData() == null ? Map.of() : configMap.getData());
        } catch (KubernetesClientException e) {
            LOG.error("health rules: cannot read the ConfigMap {}/{} ({}); going on without its rules", namespace, name, e.getMessage());
            return Optional.empty();
        }
    }
}
