package dev.capstan.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The YAML fixtures under {@code src/test/resources/dev/capstan/api/v1alpha1/}. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String read(String name) {
        String path = "dev/capstan/api/v1alpha1/" + name;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
