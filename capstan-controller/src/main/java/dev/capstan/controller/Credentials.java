package dev.capstan.controller;

import dev.capstan.git.RepositoryCredentials;

/** The credentials to reach a repository, looked up by its URL; none for public repositories. */
@FunctionalInterface
public interface Credentials {

    Credentials NONE = url -> RepositoryCredentials.none();

    RepositoryCredentials forRepository(String url);
}
