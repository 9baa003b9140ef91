package dev.capstan.api.v1alpha1;

/**
 * Values that repeat across the thousands of rows of an Application's status (groups, versions,
 * kinds, namespaces, sync and health statuses) are kept once: read from JSON, each would
 * otherwise be a string of its own in every row the informer's copy holds. Object names are
 * shared too: the controller's live-state cache holds the same names, shared the same way.
 */
final class RepeatedValues {

    private RepeatedValues() {
    }

    static String shared(String value) {
        return value == null ? null : value.intern();
    }
}
