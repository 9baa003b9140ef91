package dev.capstan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final Passwords passwords = new Passwords(new SecureRandom());

    @Test
    void a_hash_is_bcrypt_at_cost_ten_and_matches_only_its_password() {
        String hash = passwords.hash("correct horse battery staple");

        assertThat(hash).startsWith("$2a$10$").hasSize(60);
        assertThat(passwords.matches(hash, "correct horse battery staple")).isTrue();
        assertThat(passwords.matches(hash, "correct horse battery stapler")).isFalse();
        assertThat(passwords.matches(hash, "")).isFalse();
        assertThat(passwords.matches(hash, null)).isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        assertThat(passwords.hash("same password")).isNotEqualTo(passwords.hash("same password"));
    }

    @Test
    void reads_hashes_made_elsewhere_in_the_2y_and_2b_forms() {
        String hash = passwords.hash("from htpasswd");

        assertThat(passwords.matches("$2y$" + hash.substring(4), "from htpasswd")).isTrue();
        assertThat(passwords.matches("$2b$" + hash.substring(4), "from htpasswd")).isTrue();
    }

    @Test
    void a_malformed_hash_matches_nothing_and_does_not_throw() {
        assertThat(passwords.matches("not a hash", "anything")).isFalse();
        assertThat(passwords.matches(null, "anything")).isFalse();
        assertThat(passwords.matches("$2a$10$tooShort", "anything")).isFalse();
    }

    @Test
    void a_password_longer_than_bcrypt_reads_never_matches() {
        String seventyTwo = "a".repeat(72);
        String hash = passwords.hash(seventyTwo);

        assertThat(passwords.matches(hash, seventyTwo)).isTrue();
        assertThat(passwords.matches(hash, seventyTwo + "b")).as("bcrypt would ignore the 73rd byte").isFalse();
    }

    @Test
    void checking_an_unknown_account_costs_a_bcrypt_like_a_wrong_password() {
        String hash = passwords.hash("some password");
        passwords.matchesNothing();
        passwords.matches(hash, "warm up");

        long unknown = timeOf(() -> passwords.matchesNothing());
        long wrong = timeOf(() -> passwords.matches(hash, "wrong password"));

        assertThat(passwords.matchesNothing()).isFalse();
        // Both are one bcrypt at cost 10 (tens of milliseconds); neither is a shortcut.
        assertThat(unknown).isGreaterThan(wrong / 4);
        assertThat(wrong).isGreaterThan(unknown / 4);
    }

    @Test
    void new_passwords_have_eight_characters_and_fit_in_72_bytes() {
        assertThat(Passwords.weakness("short")).hasValue("the new password must have at least 8 characters");
        assertThat(Passwords.weakness(null)).isPresent();
        assertThat(Passwords.weakness("é".repeat(37))).hasValue("the new password must fit in 72 bytes (UTF-8)");
        assertThat(Passwords.weakness("long enough")).isEmpty();
    }

    @Test
    void generated_passwords_are_long_random_letters_and_digits() {
        String first = passwords.generate();

        assertThat(first).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat(passwords.generate()).isNotEqualTo(first);
    }

    private static long timeOf(Runnable check) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            check.run();
            best = Math.min(best, System.nanoTime() - started);
        }
        return best;
    }
}
