/**
 * Git push webhooks: a push from GitHub, GitLab, Bitbucket Cloud, Bitbucket Data Center, Gitea
 * (or Forgejo) or a Capstan-shaped generic sender is verified against the secret configured for
 * that provider, read into a {@link dev.capstan.controller.webhook.PushEvent}, and handed on so
 * the Applications it concerns ({@link dev.capstan.controller.webhook.RepositoryMatcher}) are
 * refreshed now instead of at the next poll.
 *
 * <p>{@link dev.capstan.controller.webhook.WebhookHandler} is the pure core (method, headers,
 * body in; status and JSON out); {@link dev.capstan.controller.webhook.WebhookServer} is the thin
 * HTTP shell on Vert.x around it.
 */
package dev.capstan.controller.webhook;
