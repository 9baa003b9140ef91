package dev.capstan.auth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The local accounts as the ConfigMap {@code capstan-cm} lists them, with what the Secret holds
 * for each. {@code accounts.<name>: login, apiKey} makes an account with those capabilities,
 * {@code accounts.<name>.enabled: "false"} disables it. {@code admin} always exists, with
 * {@code login} unless {@code accounts.admin} says otherwise, and {@code admin.enabled: "false"}
 * disables it. Names are letters, digits, {@code -} and {@code _} (no {@code .} or {@code :},
 * which would read as a key suffix or a role); other keys are reported as problems and ignored.
 */
record LocalAccounts(Map<String, LocalAccount> byName, List<String> problems) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final String PREFIX = "accounts.";

    LocalAccounts {
        byName = Map.copyOf(byName);
        problems = List.copyOf(problems);
    }

    Optional<LocalAccount> named(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static LocalAccounts read(Map<String, String> configMap, SecretData secret) {
        Map<String, String> data = configMap == null ? Map.of() : configMap;
        List<String> problems = new ArrayList<>();
        Map<String, Set<LocalAccount.Capability>> capabilities = new TreeMap<>();
        capabilities.put(AuthObjects.ADMIN, EnumSet.of(LocalAccount.Capability.LOGIN));
        for (var entry : new TreeMap<>(data).entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(PREFIX) || key.endsWith(".enabled")) {
                continue;
            }
            String name = key.substring(PREFIX.length());
            if (!validName(name)) {
                problems.add(AuthObjects.CONFIG_MAP + ": " + key + " does not name an account: names are letters, digits, - and _");
                continue;
            }
            capabilities.put(name, capabilities(key, entry.getValue(), problems));
        }
        Map<String, LocalAccount> accounts = new TreeMap<>();
        capabilities.forEach((name, granted) -> accounts.put(name, new LocalAccount(name, enabled(data, name), granted,
                secret.passwordHash(name), secret.passwordChangedAt(name), secret.tokens(name))));
        return new LocalAccounts(accounts, problems);
    }

    private static Set<LocalAccount.Capability> capabilities(String key, String value, List<String> problems) {
        Set<LocalAccount.Capability> granted = EnumSet.noneOf(LocalAccount.Capability.class);
        for (String name : (value == null ? "" : value).split(",")) {
            String capability = name.strip();
            if (capability.isEmpty()) {
                continue;
            }
            LocalAccount.Capability.named(capability).ifPresentOrElse(granted::add,
                    () -> problems.add(AuthObjects.CONFIG_MAP + ": " + key + ": unknown capability '" + capability
                            + "' (login or apiKey)"));
        }
        return granted;
    }

    /** Enabled unless its {@code enabled} key says {@code false}; anything else but {@code true} reads as disabled too. */
    private static boolean enabled(Map<String, String> data, String name) {
        String value = name.equals(AuthObjects.ADMIN)
                ? data.getOrDefault("admin.enabled", data.get(PREFIX + name + ".enabled"))
                : data.get(PREFIX + name + ".enabled");
        return value == null || value.strip().equalsIgnoreCase("true");
    }
}
