package dev.capstan.controller.webhook;

import java.util.Locale;

/** Who sent a webhook, which decides how it is signed and how its payload reads. */
public enum Provider {
    GITHUB,
    GITLAB,
    BITBUCKET_CLOUD,
    BITBUCKET_SERVER,
    /** Gitea and its fork Forgejo, which send the same payload. */
    GITEA,
    /** Capstan's own minimal payload, for CI jobs and hosts without a native format. */
    GENERIC;

    /** The name messages and configuration use: {@code github}, {@code bitbucket-server}. */
    public String displayName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String toString() {
        return displayName();
    }
}
