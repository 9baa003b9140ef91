package dev.capstan.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the ConfigMap {@code capstan-rbac-cm} in Argo CD's format: {@code policy.csv} (then every
 * {@code policy.<name>.csv}, by name, as Argo CD appends them), {@code policy.default}, and
 * {@code policy.matchMode} (only {@code glob}); {@code scopes} is ignored, there being no SSO.
 *
 * <p>Lines: {@code p, subject, resource, action, object[, allow|deny]} (the effect defaults to
 * allow) and {@code g, subject, role}; blank lines and lines starting with {@code #} are skipped.
 *
 * <p>A policy with any problem is not used at all: half a policy could lack a deny line and
 * grant what the whole one forbids. It falls back to the built-in policy alone, so only
 * {@code admin} may do anything until the ConfigMap is fixed; each problem names its key and line.
 */
final class PolicyCsv {

    static final String POLICY = "policy.csv";
    static final String DEFAULT = "policy.default";
    static final String MATCH_MODE = "policy.matchMode";

    /** The policy to use and what was wrong with the ConfigMap; with problems, the policy is the built-in one. */
    record ParsedPolicy(RbacPolicy policy, List<String> problems) {
        ParsedPolicy {
            problems = List.copyOf(problems);
        }
    }

    private static final RbacPolicy BUILT_IN = readBuiltIn();

    private PolicyCsv() {
    }

    static RbacPolicy builtIn() {
        return BUILT_IN;
    }

    private static RbacPolicy readBuiltIn() {
        var lines = new Lines();
        lines.read("built-in policy", RbacPolicy.BUILT_IN_CSV);
        if (!lines.problems.isEmpty()) {
            throw new IllegalStateException("the built-in policy is malformed: " + lines.problems);
        }
        return lines.policy(Optional.empty());
    }

    static ParsedPolicy parse(Map<String, String> data) {
        var lines = new Lines();
        lines.read("built-in policy", RbacPolicy.BUILT_IN_CSV);
        Map<String, String> sorted = new TreeMap<>(data == null ? Map.of() : data);
        if (sorted.containsKey(POLICY)) {
            lines.read(POLICY, sorted.get(POLICY));
        }
        sorted.forEach((key, text) -> {
            if (!key.equals(POLICY) && key.startsWith("policy.") && key.endsWith(".csv")) {
                lines.read(key, text);
            }
        });
        String matchMode = sorted.getOrDefault(MATCH_MODE, "glob").strip();
        if (!matchMode.isEmpty() && !matchMode.equals("glob")) {
            lines.problems.add(MATCH_MODE + ": only glob is supported, not '" + matchMode + "'");
        }
        if (!lines.problems.isEmpty()) {
            return new ParsedPolicy(builtIn(), lines.problems);
        }
        return new ParsedPolicy(lines.policy(Optional.ofNullable(sorted.get(DEFAULT)).map(String::strip)), List.of());
    }

    /** The rules and bindings read so far, and the problems met. */
    private static final class Lines {
        final List<RbacPolicy.Rule> rules = new ArrayList<>();
        final Map<String, Set<String>> roles = new HashMap<>();
        final List<String> problems = new ArrayList<>();

        RbacPolicy policy(Optional<String> defaultRole) {
            return new RbacPolicy(rules, roles, defaultRole);
        }

        void read(String source, String text) {
            if (text == null) {
                return;
            }
            int number = 0;
            for (String line : text.split("\r?\n", -1)) {
                number++;
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                List<String> fields = fields(content);
                Optional<String> problem = fields == null ? Optional.of("a double quote is not closed") : readLine(fields);
                if (problem.isPresent()) {
                    problems.add(source + " line " + number + ": " + problem.get());
                }
            }
        }

        private Optional<String> readLine(List<String> fields) {
            String type = fields.getFirst();
            if (type.equals("p")) {
                if (fields.size() != 5 && fields.size() != 6) {
                    return Optional.of("a p line has 5 or 6 fields (p, subject, resource, action, object, effect), this one has "
                            + fields.size());
                }
                Optional<String> empty = emptyField(fields, "subject", "resource", "action", "object", "effect");
                if (empty.isPresent()) {
                    return empty;
                }
                String effect = fields.size() == 6 ? fields.get(5) : "allow";
                if (!effect.equals("allow") && !effect.equals("deny")) {
                    return Optional.of("the effect must be allow or deny, not '" + effect + "'");
                }
                rules.add(new RbacPolicy.Rule(fields.get(1), fields.get(2), fields.get(3), fields.get(4),
                        effect.equals("allow") ? RbacPolicy.Effect.ALLOW : RbacPolicy.Effect.DENY));
                return Optional.empty();
            }
            if (type.equals("g")) {
                if (fields.size() != 3) {
                    return Optional.of("a g line has 3 fields (g, subject, role), this one has " + fields.size());
                }
                Optional<String> empty = emptyField(fields, "subject", "role");
                if (empty.isPresent()) {
                    return empty;
                }
                roles.computeIfAbsent(fields.get(1), subject -> new LinkedHashSet<>()).add(fields.get(2));
                return Optional.empty();
            }
            return Optional.of("a line starts with p (a permission) or g (a role binding), not '" + type + "'");
        }

        private static Optional<String> emptyField(List<String> fields, String... names) {
            for (int i = 1; i < fields.size(); i++) {
                if (fields.get(i).isEmpty()) {
                    return Optional.of("the " + names[i - 1] + " (field " + (i + 1) + ") is empty");
                }
            }
            return Optional.empty();
        }

        /** Comma-separated fields, trimmed; a field in double quotes may hold commas ({@code ""} is a quote); null when a quote is not closed. */
        private static List<String> fields(String line) {
            List<String> fields = new ArrayList<>();
            var field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.toString().isBlank()) {
                    field.setLength(0);
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString().strip());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                return null;
            }
            fields.add(field.toString().strip());
            return fields;
        }
    }
}
