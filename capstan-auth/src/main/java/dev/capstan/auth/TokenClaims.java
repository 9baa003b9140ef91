package dev.capstan.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token says: which kind it is, whose it is ({@code subject}, an account name), its id (what
 * logout and revocation name), when it was issued and when it ends. Times are whole seconds, as a
 * JWT carries them.
 */
record TokenClaims(Kind kind, String subject, String id, Instant issuedAt, Optional<Instant> expiresAt) {

    enum Kind {
        /** A login's session: 24 hours, ended by logout or a password change. */
        SESSION("session"),
        /** An account's API token: ends when it expires or its id is revoked. */
        API("api");

        private final String claim;

        Kind(String claim) {
            this.claim = claim;
        }

        String claim() {
            return claim;
        }

        static Optional<Kind> ofClaim(String claim) {
            for (Kind kind : values()) {
                if (kind.claim.equals(claim)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    TokenClaims {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(id, "id");
        issuedAt = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        expiresAt = expiresAt.map(at -> at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whether the token has ended at {@code now}; one without an expiry never does. */
    boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }
}
