package dev.capstan.git;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Another process taking a repository's lock: prints {@code locked} once it holds the lock file
 * given as the argument, releases it when a line arrives on standard input, then prints {@code released}.
 */
public final class LockHolder {

    private LockHolder() {
    }

    public static void main(String[] args) throws IOException {
        try (RepositoryLock _ = RepositoryLock.acquire(Path.of(args[0]), Duration.ofSeconds(30), "the test repository")) {
            System.out.println("locked");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        System.out.println("released");
        System.out.flush();
    }
}
