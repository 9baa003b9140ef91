package dev.capstan.controller;

import java.util.List;

import dev.capstan.api.v1alpha1.ApplicationSource;
import dev.capstan.engine.Manifest;
import dev.capstan.git.Commit;

/**
 * What an application desires right now: the source it follows (the spec's, or a rollback's), the
 * commit its revision names, and the manifests there, ready to apply (destination namespace set,
 * tracking marks added); hooks included.
 */
record Target(ApplicationSource source, Commit commit, List<Manifest> desired) {

    /** Says whether the same source (repository, path, options) is followed, whatever the commit. */
    String sourceKey() {
        return source.getRepoURL() + "|" + source.getPath() + "|" + (source.getDirectory() == null ? ""
                : source.getDirectory().getRecurse() + "|" + source.getDirectory().getInclude() + "|" + source.getDirectory().getExclude());
    }
}
