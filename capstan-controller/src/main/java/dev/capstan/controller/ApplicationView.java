package dev.capstan.controller;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

import dev.capstan.api.v1alpha1.Application;
import dev.capstan.controller.live.LiveStateCache;
import dev.capstan.controller.webhook.PushEvent;
import dev.capstan.engine.Manifest;
import dev.capstan.git.GitRequestObserver;

/**
 * What the HTTP API reads of a namespace's applications: the Applications, their live objects,
 * their desired state, and their changes; and where it hands Git pushes. The controller is one
 * ({@link CapstanController}, serving from the caches it reconciles with); a server that runs
 * alone is the other ({@link StandaloneApplicationView}).
 */
public interface ApplicationView {

    /** The namespace whose Applications these are. */
    String namespace();

    /** The Applications, as the last watch event left them. */
    List<Application> applications();

    /** The live objects the applications manage, and their children for resource trees. */
    LiveStateCache liveState();

    /** The desired objects of an application, placed as it applies them; empty when not known yet. */
    Optional<List<Manifest>> desiredState(String application);

    /** Hears every change to the Applications, after the ones there now (as adds); closing the handle stops it. */
    AutoCloseable onApplicationChange(ResourceEventHandler<Application> handler);

    /** Who hears how each reconcile went (for metrics); a view that does not reconcile never calls it. */
    void observeReconciles(CapstanController.ReconcileObserver observer);

    /** Who hears of each request to a remote Git repository (for metrics). */
    void observeGit(GitRequestObserver observer);

    /** A push reached Git: the applications following the pushed repository and branch look up their revision. Returns their names. */
    List<String> pushed(PushEvent push);
}
