package dev.capstan.controller.live;

import java.util.List;
import java.util.Optional;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Manifest;
import dev.capstan.engine.ResourceKey;

/** What the controller knows of the live objects it manages, without asking the API server. */
public interface LiveObjects {

    /**
     * Makes sure objects of {@code kind} are watched; returns once the first list is in, or
     * false when the server does not serve the kind (yet).
     */
    boolean watch(GroupKind kind);

    /** The live object, trimmed, if it carries Capstan's label and exists. */
    Optional<Manifest> get(ResourceKey key);

    /**
     * A number that changes whenever an answer of {@link #get} or {@link #ofApplication} may have
     * changed: read before reading objects, an equal number later means they are still the same.
     */
    long generation();

    /** Every watched live object labelled as {@code application}'s. */
    List<Manifest> ofApplication(String application);

    /**
     * The controller wrote this object (the server's answer): until the watch delivers this
     * version or a newer one, it is what {@link #get} answers, so a comparison right after a sync
     * reads the controller's own writes.
     */
    void written(Manifest object);

    /** The controller deleted this object: until the watch says so, {@link #get} no longer answers it. */
    void deleted(ResourceKey key);

    /**
     * The objects {@code owner} made (a Deployment's ReplicaSets, a ReplicaSet's Pods), summarised,
     * oldest first. They are watched only while trees are viewed: the first call for a namespace
     * may wait a few seconds for the first list.
     */
    List<Manifest> childrenOf(Manifest owner);

    /** Hears about every change to a managed object. */
    interface Listener {
        void changed(String application, ResourceKey key);
    }
}
