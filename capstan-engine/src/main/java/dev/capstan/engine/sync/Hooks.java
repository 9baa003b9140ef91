package dev.capstan.engine.sync;

import dev.capstan.engine.Manifest;

/**
 * Hooks are not resources of the application: they run during a sync and are not compared with
 * the cluster, counted in its sync status, or pruned.
 */
public final class Hooks {

    private Hooks() {
    }

    /** Whether a manifest carries a hook annotation ({@code capstan.dev/hook} or Argo CD's). */
    public static boolean isHook(Manifest manifest) {
        return Hook.isHook(manifest);
    }
}
