package dev.capstan.git;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of text: removes user information from every URL in it and replaces each
 * secret (as given, and URL-encoded or decoded) with {@code ***}. A JGit or SSH exception is never
 * passed on as it is; {@link #cause} copies its chain into {@link RedactedCause}s whose messages
 * went through here, keeping the stack traces.
 */
final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]*@");
    private static final String MASK = "***";

    private final List<String> secrets;

    private Redaction(Set<String> secrets) {
        this.secrets = secrets.stream().filter(secret -> !secret.isEmpty()).sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** A redaction for everything secret in {@code credentials} and in the URL as the user wrote it. */
    static Redaction of(String rawUrl, RepositoryCredentials credentials) {
        var secrets = new LinkedHashSet<String>();
        switch (credentials) {
            case RepositoryCredentials.Anonymous anonymous -> {
            }
            case RepositoryCredentials.UsernamePassword https -> {
                secrets.add(https.password());
                if (https.password().isEmpty()) {
                    secrets.add(https.username());
                }
            }
            case RepositoryCredentials.SshKey ssh -> {
                secrets.add(ssh.privateKey().strip());
                ssh.privateKey().lines().map(String::strip).filter(line -> line.length() >= 16 && !line.startsWith("-----")).forEach(secrets::add);
                secrets.add(ssh.passphrase());
            }
        }
        if (rawUrl != null) {
            var userInfo = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/@\\s]*)@").matcher(rawUrl.trim());
            if (userInfo.find()) {
                String info = userInfo.group(2);
                int colon = info.indexOf(':');
                if (colon >= 0) {
                    secrets.add(info.substring(colon + 1));
                } else if (userInfo.group(1).toLowerCase(Locale.ROOT).startsWith("http")) {
                    secrets.add(info); // https://TOKEN@host: the user name is the token
                }
            }
        }
        var forms = new LinkedHashSet<String>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            try {
                forms.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // not percent-encoded: the secret as given is enough
            }
        }
        return new Redaction(forms);
    }

    /** {@code text} with user information removed from any URL in it. */
    static String withoutUserInfo(String text) {
        return USER_INFO.matcher(text).replaceAll("$1");
    }

    /** {@code text} with no URL user information and no secret left in it; null stays null. */
    String apply(String text) {
        if (text == null) {
            return null;
        }
        String clean = withoutUserInfo(text);
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        return clean;
    }

    /** A copy of {@code throwable} and its causes whose messages are redacted; null for null. */
    Throwable cause(Throwable throwable) {
        return copy(throwable, 0);
    }

    private RedactedCause copy(Throwable throwable, int depth) {
        if (throwable == null || depth > 20) {
            return null;
        }
        String message = throwable.getMessage() == null ? "" : ": " + apply(throwable.getMessage());
        var copy = new RedactedCause(throwable.getClass().getName() + message, copy(throwable.getCause(), depth + 1));
        copy.setStackTrace(throwable.getStackTrace());
        for (Throwable suppressed : throwable.getSuppressed()) {
            RedactedCause redacted = copy(suppressed, depth + 1);
            if (redacted != null) {
                copy.addSuppressed(redacted);
            }
        }
        return copy;
    }

    /** An exception from JGit or SSH, re-created with its message redacted; its class name leads the message. */
    static final class RedactedCause extends Exception {

        RedactedCause(String message, Throwable cause) {
            super(message, cause, true, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
