package dev.capstan.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector as a query parameter takes it ({@code team=shop,tier!=test,
 * env in (dev,qa),!legacy,owner}), parsed into requirements that match a label map. A selector
 * that cannot be parsed is an {@code InvalidArgument} naming the part.
 */
record LabelSelector(List<Requirement> requirements) {

    enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    static LabelSelector parse(String text) {
        List<Requirement> requirements = new ArrayList<>();
        for (String part : split(text)) {
            requirements.add(requirement(part.strip(), text));
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(requirement -> requirement.matches(present));
    }

    /** Splits at commas outside parentheses. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts.stream().filter(part -> !part.isBlank()).toList();
    }

    private static Requirement requirement(String part, String whole) {
        var setMatch = java.util.regex.Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(part);
        if (setMatch.matches()) {
            Set<String> values = Set.copyOf(java.util.Arrays.stream(setMatch.group(3).split(","))
                    .map(String::strip).filter(value -> !value.isEmpty()).toList());
            return new Requirement(key(setMatch.group(1), whole), setMatch.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
        }
        if (part.startsWith("!")) {
            return new Requirement(key(part.substring(1).strip(), whole), Operator.DOES_NOT_EXIST, Set.of());
        }
        int notEquals = part.indexOf("!=");
        if (notEquals > 0) {
            return new Requirement(key(part.substring(0, notEquals).strip(), whole), Operator.NOT_EQUALS,
                    Set.of(part.substring(notEquals + 2).strip()));
        }
        int equals = part.indexOf('=');
        if (equals > 0) {
            int valueStart = part.startsWith("==", equals) ? equals + 2 : equals + 1;
            return new Requirement(key(part.substring(0, equals).strip(), whole), Operator.EQUALS, Set.of(part.substring(valueStart).strip()));
        }
        return new Requirement(key(part, whole), Operator.EXISTS, Set.of());
    }

    private static String key(String key, String whole) {
        if (key.isEmpty() || !key.matches("[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?")) {
            throw ApiError.invalid("selector " + whole + ": \"" + key + "\" is not a label key");
        }
        return key;
    }
}
