package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.ManifestFormat;
import dev.cel.common.types.SimpleType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads the YAML of a rule file into compiled rules; see {@link HealthRules} for the format. */
final class HealthRulesParser {

    private static final Set<String> RULE_FIELDS = Set.of("group", "kind", "checks");
    private static final Set<String> CHECK_FIELDS = Set.of("when", "status", "message", "messageExpression");

    private final String source;

    HealthRulesParser(String source) {
        this.source = source;
    }

    List<HealthRule> parse(String text) {
        JsonNode root = readYaml(text);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw invalid("expected a list of rules, found " + root.getNodeType().name().toLowerCase());
        }
        var rules = new ArrayList<HealthRule>();
        for (int index = 0; index < root.size(); index++) {
            rules.add(rule(index, root.get(index)));
        }
        return rules;
    }

    private JsonNode readYaml(String text) {
        try {
            return ManifestFormat.YAML.readTree(text);
        } catch (JacksonException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " (line %d, column %d)".formatted(location.getLineNr(), location.getColumnNr());
            throw invalid("not valid YAML" + where + ": " + e.getOriginalMessage());
        }
    }

    private HealthRule rule(int index, JsonNode node) {
        String rule = "rule #" + index;
        requireMapping(node, rule, RULE_FIELDS);
        String kind = text(node, "kind", rule).orElseThrow(() -> invalid(rule + ": `kind` is required"));
        String group = text(node, "group", rule).orElse("");
        GroupKind groupKind = new GroupKind(group.equals("core") ? "" : group, kind);
        String where = "%s (%s)".formatted(rule, groupKind);
        JsonNode checks = node.path("checks");
        if (!checks.isArray() || checks.isEmpty()) {
            throw invalid(where + ": `checks` must be a non-empty list of {when, status, message}");
        }
        var parsed = new ArrayList<RuleCheck>();
        for (int check = 0; check < checks.size(); check++) {
            parsed.add(check(check, checks.get(check), where + ", check #" + check));
        }
        return new HealthRule(source, index, groupKind, parsed);
    }

    private RuleCheck check(int index, JsonNode node, String where) {
        requireMapping(node, where, CHECK_FIELDS);
        String when = node.path("when").isBoolean()
                ? String.valueOf(node.path("when").booleanValue())
                : text(node, "when", where).orElseThrow(() -> invalid(where + ": `when` is required"));
        String statusName = text(node, "status", where).orElseThrow(() -> invalid(where + ": `status` is required"));
        HealthStatus status = Arrays.stream(HealthStatus.values())
                .filter(candidate -> candidate.display().equalsIgnoreCase(statusName))
                .findFirst()
                .orElseThrow(() -> invalid("%s: `status` %s is not one of %s".formatted(where, statusName, statusNames())));
        String message = text(node, "message", where).orElse("");
        var messageExpression = text(node, "messageExpression", where).map(expression -> RuleExpression.compile(expression, SimpleType.STRING));
        return new RuleCheck(index, RuleExpression.compile(when, SimpleType.BOOL), status, message, messageExpression);
    }

    private void requireMapping(JsonNode node, String where, Set<String> fields) {
        if (!node.isObject()) {
            throw invalid(where + ": expected a mapping, found " + node.getNodeType().name().toLowerCase());
        }
        var unknown = node.propertyNames().stream().filter(name -> !fields.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw invalid("%s: unknown field %s (expected %s)".formatted(where, String.join(", ", unknown),
                    fields.stream().sorted().collect(Collectors.joining(", "))));
        }
    }

    private Optional<String> text(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw invalid("%s: `%s` must be a string".formatted(where, field));
        }
        return Optional.of(value.asString()).filter(text -> !text.isBlank());
    }

    private static String statusNames() {
        return Arrays.stream(HealthStatus.values()).map(HealthStatus::display).collect(Collectors.joining(", "));
    }

    private HealthRulesException invalid(String problem) {
        return new HealthRulesException(source + ": " + problem);
    }
}
