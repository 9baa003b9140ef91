package dev.capstan.server;

import java.util.ArrayList;
import java.util.List;

import dev.capstan.api.v1alpha1.Operation;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST .../sync} read into the sync to request: {@code revision}, {@code prune},
 * {@code dryRun}, {@code strategy.apply.force} (the sync option {@code Force=true}),
 * {@code resources} and {@code syncOptions} (Argo CD's {@code {"items": [...]}} or a plain list).
 * Every field is optional; one of the wrong shape is an InvalidArgument naming it.
 */
final class SyncBody {

    private SyncBody() {
    }

    static Operation.SyncOperation read(ObjectNode body) {
        var sync = new Operation.SyncOperation();
        String revision = Json.text(body, "revision", "");
        sync.setRevision(revision.isBlank() ? null : revision);
        sync.setPrune(Json.bool(body, "prune") ? true : null);
        sync.setDryRun(Json.bool(body, "dryRun") ? true : null);
        List<String> options = new ArrayList<>(syncOptions(body.get("syncOptions")));
        JsonNode apply = body.path("strategy").path("apply");
        if (apply.isObject() && Json.bool(apply, "force") && !options.contains("Force=true")) {
            options.add("Force=true");
        }
        sync.setSyncOptions(options.isEmpty() ? null : List.copyOf(options));
        JsonNode resources = body.get("resources");
        if (resources != null && !resources.isNull()) {
            if (!resources.isArray()) {
                throw ApiError.invalid("resources must be a list of {group, kind, namespace, name}");
            }
            List<Operation.SyncOperationResource> selected = new ArrayList<>();
            int index = 0;
            for (JsonNode resource : resources) {
                if (!(resource instanceof ObjectNode object) || Json.text(object, "kind", "").isBlank()
                        || Json.text(object, "name", "").isBlank()) {
                    throw ApiError.invalid("resources[" + index + "] needs a kind and a name");
                }
                var entry = new Operation.SyncOperationResource();
                entry.setGroup(blankToNull(Json.text(object, "group", "")));
                entry.setKind(Json.text(object, "kind", ""));
                entry.setNamespace(blankToNull(Json.text(object, "namespace", "")));
                entry.setName(Json.text(object, "name", ""));
                selected.add(entry);
                index++;
            }
            sync.setResources(selected.isEmpty() ? null : List.copyOf(selected));
        }
        return sync;
    }

    private static List<String> syncOptions(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        JsonNode items = node.isObject() ? node.path("items") : node;
        if (items.isMissingNode() || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw ApiError.invalid("syncOptions must be {\"items\": [\"Key=value\", ...]}");
        }
        List<String> options = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isString() || !item.asString().contains("=")) {
                throw ApiError.invalid("syncOptions: each item is Key=value, not " + item);
            }
            options.add(item.asString());
        }
        return options;
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }
}
