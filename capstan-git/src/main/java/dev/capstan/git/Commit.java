package dev.capstan.git;

import java.util.Objects;
import java.util.regex.Pattern;

/** A commit a revision resolved to, by its full SHA-1 in lower-case hex. */
public record Commit(String sha) {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    public Commit {
        Objects.requireNonNull(sha, "sha");
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a full commit SHA: " + sha);
        }
    }

    /** The first seven characters, as Git abbreviates a commit for people. */
    public String shortSha() {
        return sha.substring(0, 7);
    }

    @Override
    public String toString() {
        return sha;
    }
}
