package dev.capstan.git;

import java.time.Duration;

/** Told after each request to a remote repository (for metrics): which kind, how long it took, whether it failed. */
@FunctionalInterface
public interface GitRequestObserver {

    /** A ref listing: what a revision lookup asks of the remote. */
    String LS_REFS = "ls-refs";
    /** A fetch of new commits into the cache. */
    String FETCH = "fetch";

    GitRequestObserver NONE = (operation, took, failed) -> { };

    void observed(String operation, Duration took, boolean failed);
}
