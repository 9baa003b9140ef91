package dev.capstan.engine.health;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One entry of an object's {@code status.conditions}, the convention nearly every Kubernetes
 * controller reports through: a type, a status of {@code True}, {@code False} or
 * {@code Unknown}, and a machine reason with a human message; newer controllers also say which
 * generation of the object the condition describes ({@code observedGeneration}, 0 when absent).
 */
record Condition(String type, String status, String reason, String message, long observedGeneration) {

    /** A condition without its own {@code observedGeneration}. */
    Condition(String type, String status, String reason, String message) {
        this(type, status, reason, message, 0);
    }

    /** The conditions in a {@code conditions} array; entries without a type are skipped. */
    static List<Condition> listAt(JsonNode array) {
        if (!array.isArray()) {
            return List.of();
        }
        var conditions = new ArrayList<Condition>();
        for (JsonNode entry : array) {
            String type = text(entry.get("type"));
            if (!type.isEmpty()) {
                JsonNode generation = entry.get("observedGeneration");
                conditions.add(new Condition(type, text(entry.get("status")), text(entry.get("reason")), text(entry.get("message")),
                        generation != null && generation.isIntegralNumber() ? generation.longValue() : 0));
            }
        }
        return List.copyOf(conditions);
    }

    /** {@code True}; a YAML boolean {@code true} in a hand-written object counts too. */
    boolean isTrue() {
        return "True".equalsIgnoreCase(status);
    }

    boolean isFalse() {
        return "False".equalsIgnoreCase(status);
    }

    /** {@code reason: message}, either part alone when the other is empty. */
    String reasonAndMessage() {
        if (reason.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? reason : reason + ": " + message;
    }

    /** {@code Ready is False (InstallFailed): install retries exhausted}. */
    String summary() {
        String head = type + " is " + (status.isEmpty() ? "not reported" : status) + (reason.isEmpty() ? "" : " (" + reason + ")");
        return message.isEmpty() ? head : head + ": " + message;
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asString() : "";
    }
}
