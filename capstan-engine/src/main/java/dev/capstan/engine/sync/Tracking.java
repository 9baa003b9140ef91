package dev.capstan.engine.sync;

import java.util.Objects;

import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

/**
 * How an application marks the objects it applies, and recognises them again. The annotation
 * {@value #ANNOTATION} names the application and the object's own identity
 * ({@code <app>:<group>/<kind>:<namespace>/<name>}), so an object copied elsewhere is not taken for
 * ours; the label {@value #LABEL} lets a cache watch only managed objects. An object is pruned only
 * when its live annotation says it is this application's, and this very object.
 */
public record Tracking(String application) {

    public static final String ANNOTATION = "capstan.dev/tracking-id";
    public static final String LABEL = "capstan.dev/app";

    private static final int MAX_LABEL_VALUE = 63;

    public Tracking {
        Objects.requireNonNull(application, "application");
        if (application.isBlank()) {
            throw new IllegalArgumentException("the application name is empty");
        }
    }

    /** The tracking id of {@code key} in this application: {@code guestbook:apps/Deployment:web/frontend}. */
    public String idOf(ResourceKey key) {
        return application + ":" + key.group() + "/" + key.kind() + ":" + key.namespace() + "/" + key.name();
    }

    /** {@code manifest} with this application's tracking annotation and label set. */
    public Manifest mark(Manifest manifest) {
        String id = idOf(manifest.key());
        String label = labelValue();
        return manifest.with(object -> {
            object.withObject("/metadata/annotations").put(ANNOTATION, id);
            object.withObject("/metadata/labels").put(LABEL, label);
        });
    }

    /** Whether the live object carries this application's tracking id for itself. */
    public boolean owns(Manifest live) {
        return live.annotation(ANNOTATION).map(idOf(live.key())::equals).orElse(false);
    }

    /** A label selector for the objects this application marked. */
    public String selector() {
        return LABEL + "=" + labelValue();
    }

    /** The label value: the application name, cut to the 63 characters a label value may have. */
    public String labelValue() {
        if (application.length() <= MAX_LABEL_VALUE) {
            return application;
        }
        String cut = application.substring(0, MAX_LABEL_VALUE);
        while (!cut.isEmpty() && !Character.isLetterOrDigit(cut.charAt(cut.length() - 1))) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
