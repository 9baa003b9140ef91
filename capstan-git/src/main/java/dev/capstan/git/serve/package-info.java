/**
 * A small Git server for {@code capstan demo} and for tests: {@link dev.capstan.git.serve.GitHttpServer}
 * serves bare repositories over smart HTTP (clone, fetch and push, basic authentication per
 * repository) and {@link dev.capstan.git.serve.HostedRepository} writes commits, branches and
 * tags into them directly. Both report every branch or tag that moves, so a demo can refresh
 * at once. It binds to loopback by default, keeps passwords in memory and has no access
 * control beyond that: it is not a Git server to run in production.
 */
package dev.capstan.git.serve;
