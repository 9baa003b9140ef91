package dev.capstan.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * Keeps the fields of a custom resource's part that this version of Capstan does not know, and
 * writes them back. An object written by a newer Capstan (or a field the API server has not
 * pruned yet) therefore survives being read and written by an older one.
 */
public abstract class KeepsUnknownFields {

    /** Made on the first unknown field: most parts have none, and an Application's status has thousands of parts. */
    private Map<String, Object> unknownFields;

    /** The fields not mapped to a property, by name, in the order they were read (read-only). */
    @JsonAnyGetter
    public Map<String, Object> getUnknownFields() {
        return unknownFields == null ? Map.of() : Collections.unmodifiableMap(unknownFields);
    }

    @JsonAnySetter
    public void setUnknownField(String name, Object value) {
        if (unknownFields == null) {
            unknownFields = new LinkedHashMap<>();
        }
        unknownFields.put(name, value);
    }
}
