package dev.capstan.controller;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.capstan.api.v1alpha1.InventoryEntry;
import dev.capstan.engine.ResourceKey;
import dev.capstan.engine.sync.AppliedFingerprint;

/** The inventory in an Application's status, to and from the engine's map of applied fingerprints. */
final class Inventory {

    private Inventory() {
    }

    static Map<ResourceKey, Optional<AppliedFingerprint>> read(List<InventoryEntry> entries) {
        Map<ResourceKey, Optional<AppliedFingerprint>> tracked = new LinkedHashMap<>();
        if (entries == null) {
            return tracked;
        }
        for (InventoryEntry entry : entries) {
            var key = new ResourceKey(Objects.requireNonNullElse(entry.getGroup(), ""), entry.getKind(),
                    Objects.requireNonNullElse(entry.getNamespace(), ""), entry.getName());
            tracked.put(key, entry.getDesiredHash() == null || entry.getFieldsHash() == null ? Optional.empty()
                    : Optional.of(new AppliedFingerprint(entry.getDesiredHash(), entry.getFieldsHash())));
        }
        return tracked;
    }

    static List<InventoryEntry> write(Map<ResourceKey, Optional<AppliedFingerprint>> tracked) {
        List<InventoryEntry> entries = new ArrayList<>();
        tracked.forEach((key, fingerprint) -> {
            var entry = new InventoryEntry();
            entry.setGroup(key.group().isEmpty() ? null : key.group());
            entry.setKind(key.kind());
            entry.setNamespace(key.namespace().isEmpty() ? null : key.namespace());
            entry.setName(key.name());
            fingerprint.ifPresent(applied -> {
                entry.setDesiredHash(applied.desiredHash());
                entry.setFieldsHash(applied.fieldsHash());
            });
            entries.add(entry);
        });
        return entries;
    }
}
