/**
 * Git sources on JGit. {@link dev.capstan.git.RepositoryCache} keeps one bare repository per
 * repository URL on disk and fetches it when the remote's refs moved; it resolves a revision
 * (branch, tag, SHA, {@code HEAD} or a semantic version range over tags) to a
 * {@link dev.capstan.git.Commit}, and hands out the commit's files as the engine's
 * {@link dev.capstan.engine.render.SourceTree}, read straight from Git objects. Failures are
 * {@link dev.capstan.git.GitException}s whose messages never hold a credential.
 */
package dev.capstan.git;
