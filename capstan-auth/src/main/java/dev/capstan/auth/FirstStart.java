package dev.capstan.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the first start (and any start that finds them gone) sets up in {@code capstan-secret}: a
 * signing key of 32 random bytes, and an admin password. The password is random; its hash goes
 * into {@code capstan-secret}, then its text into {@code capstan-initial-admin-secret}, and it is
 * never logged. Removing {@code admin.password} from the Secret and restarting makes a new one;
 * removing {@code server.secretkey} ends every session and API token.
 */
final class FirstStart {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

    private FirstStart() {
    }

    static void run(AuthStore store, Passwords passwords, SecureRandom random, Clock clock) {
        var generated = new AtomicReference<String>();
        var newKey = new AtomicBoolean();
        store.editSecret(data -> {
            generated.set(null);
            newKey.set(false);
            SecretData changed = data;
            if (changed.signingKey().isEmpty()) {
                byte[] key = new byte[SignedTokens.MIN_KEY_BYTES];
                random.nextBytes(key);
                changed = changed.withSigningKey(key);
                newKey.set(true);
            }
            if (changed.passwordHash(AuthObjects.ADMIN).isEmpty()) {
                String password = passwords.generate();
                generated.set(password);
                changed = changed.withPassword(AuthObjects.ADMIN, passwords.hash(password), clock.instant());
            }
            return changed;
        });
        if (newKey.get()) {
            LOG.info("made a new signing key for sessions and API tokens in Secret {}", AuthObjects.SECRET);
        }
        String password = generated.get();
        if (password != null) {
            store.putInitialAdminPassword(password);
            LOG.info("the initial admin password is in Secret {}; `capstan admin initial-password` shows it once",
                    AuthObjects.INITIAL_ADMIN_SECRET);
        }
    }
}
