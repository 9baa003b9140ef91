package dev.capstan.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashes: bcrypt at cost {@value #COST}, in the {@code $2a$} form Argo CD and
 * {@code htpasswd -B} also read and write. Every check costs one bcrypt, whether the account
 * exists or not ({@link #matchesNothing}), so that the time of a refusal does not tell whether the
 * user name was right; bcrypt itself compares the hashes in constant time.
 */
final class Passwords {

    static final int COST = 10;
    static final int MIN_LENGTH = 8;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    static final int MAX_BYTES = 72;

    private static final String GENERATED_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 24;

    private final SecureRandom random;
    private final String dummyHash;

    Passwords(SecureRandom random) {
        this.random = random;
        this.dummyHash = hash(generate());
    }

    /** A new bcrypt hash of {@code password} with a fresh salt. */
    String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, COST);
    }

    /**
     * Whether {@code password} is the one {@code hash} was made from. A malformed hash, or a
     * password bcrypt cannot take whole, never matches, and still costs a bcrypt.
     */
    boolean matches(String hash, String password) {
        if (!usable(password) || hash == null) {
            return matchesNothing();
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException | DataLengthException malformed) {
            return matchesNothing();
        }
    }

    /** Spends what {@link #matches} would, for an account that has no password: the answer is always no. */
    boolean matchesNothing() {
        OpenBSDBCrypt.checkPassword(dummyHash, "-".toCharArray());
        return false;
    }

    /** Why {@code password} cannot become an account's password, or empty when it can. */
    static Optional<String> weakness(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("the new password must have at least " + MIN_LENGTH + " characters");
        }
        if (!usable(password)) {
            return Optional.of("the new password must fit in " + MAX_BYTES + " bytes (UTF-8)");
        }
        return Optional.empty();
    }

    private static boolean usable(String password) {
        return password != null && !password.isEmpty() && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** A random password of {@value #GENERATED_LENGTH} letters and digits (about 139 bits). */
    String generate() {
        var password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
        }
        return password.toString();
    }
}
