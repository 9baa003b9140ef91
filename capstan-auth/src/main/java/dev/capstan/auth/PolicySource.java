package dev.capstan.auth;

import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RBAC policy in force: {@code capstan-rbac-cm} as it is now, read again only when its data
 * changed. Problems are logged once per version of the ConfigMap, as errors, since until it is
 * fixed only {@code admin} may do anything.
 */
final class PolicySource {

    private static final Logger LOG = LoggerFactory.getLogger(PolicySource.class);

    private final Supplier<Map<String, String>> config;
    private Map<String, String> readFrom;
    private RbacPolicy policy;

    PolicySource(Supplier<Map<String, String>> config) {
        this.config = config;
    }

    synchronized RbacPolicy current() {
        Map<String, String> data = config.get();
        if (policy == null || !data.equals(readFrom)) {
            PolicyCsv.ParsedPolicy parsed = PolicyCsv.parse(data);
            if (!parsed.problems().isEmpty()) {
                LOG.error("the RBAC policy in ConfigMap {} is not used, only admin may act until it is fixed: {}",
                        AuthObjects.RBAC_CONFIG_MAP, String.join("; ", parsed.problems()));
            } else if (policy != null) {
                LOG.info("the RBAC policy in ConfigMap {} changed: {} rules, default role {}", AuthObjects.RBAC_CONFIG_MAP,
                        parsed.policy().rules().size(), parsed.policy().defaultRole().orElse("none"));
            }
            readFrom = data;
            policy = parsed.policy();
        }
        return policy;
    }
}
