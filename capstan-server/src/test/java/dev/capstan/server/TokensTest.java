package dev.capstan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void the_token_comes_from_the_bearer_header_or_the_session_cookie() {
        assertThat(Tokens.of("Bearer abc", null)).contains("abc");
        assertThat(Tokens.of("bearer  abc ", null)).contains("abc");
        assertThat(Tokens.of(null, "theme=dark; capstan.token=xyz; other=1")).contains("xyz");
        assertThat(Tokens.of("Bearer header", "capstan.token=cookie")).as("the header wins").contains("header");
        assertThat(Tokens.of("Basic dXNlcjpwYXNz", "capstan.token=")).isEmpty();
        assertThat(Tokens.of(null, null)).isEmpty();
    }

    @Test
    void the_session_cookie_is_http_only_strict_and_secure_over_tls() {
        assertThat(Tokens.cookie("t", Duration.ofHours(1), false))
                .isEqualTo("capstan.token=t; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict");
        assertThat(Tokens.cookie("t", Duration.ofHours(1), true)).endsWith("; Secure");
        assertThat(Tokens.clearedCookie(false)).contains("Max-Age=0");
    }
}
