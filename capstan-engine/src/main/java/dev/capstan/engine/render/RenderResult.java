package dev.capstan.engine.render;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.Origin;
import java.util.List;
import java.util.Objects;

/**
 * What rendering an application gave: its objects in a stable order, each with its origin, and
 * warnings about things skipped that the user may want to know about.
 */
public record RenderResult(List<Manifest> manifests, List<Warning> warnings) {

    public RenderResult {
        manifests = List.copyOf(manifests);
        warnings = List.copyOf(warnings);
    }

    /** Something the renderer passed over, and where. */
    public record Warning(Origin origin, String message) {

        public Warning {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return origin.isKnown() ? origin + ": " + message : message;
        }
    }
}
