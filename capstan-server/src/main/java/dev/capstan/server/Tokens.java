package dev.capstan.server;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a caller's session or API token travels: the cookie {@value #COOKIE} the login sets, or
 * {@code Authorization: Bearer <token>}; and how that cookie is written. The header wins when
 * both are sent (a script's token over a browser's session).
 */
final class Tokens {

    static final String COOKIE = "capstan.token";

    private Tokens() {
    }

    /** The token of a request with these {@code Authorization} and {@code Cookie} headers (either may be null). */
    static Optional<String> of(String authorization, String cookieHeader) {
        if (authorization != null) {
            String value = authorization.strip();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7) && !value.substring(7).isBlank()) {
                return Optional.of(value.substring(7).strip());
            }
        }
        if (cookieHeader != null) {
            for (String part : cookieHeader.split(";")) {
                String cookie = part.strip();
                int equals = cookie.indexOf('=');
                if (equals > 0 && cookie.substring(0, equals).strip().equals(COOKIE)) {
                    String value = cookie.substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code Set-Cookie} value that holds a session for {@code maxAge}: HttpOnly, SameSite=Strict, Path=/, Secure over TLS. */
    static String cookie(String token, Duration maxAge, boolean secure) {
        long seconds = Math.max(0, maxAge.toSeconds());
        return COOKIE + "=" + token + "; Path=/; Max-Age=" + seconds + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that removes the session cookie. */
    static String clearedCookie(boolean secure) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
