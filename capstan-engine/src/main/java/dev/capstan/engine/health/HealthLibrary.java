package dev.capstan.engine.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.capstan.engine.GroupKind;

/**
 * Capstan's built-in health rules for custom resources, kept as data: one CEL rule file per
 * kind at {@code dev/capstan/engine/health/library/<group>/<Kind>.yaml} on the class path, in
 * the format of {@link HealthRules}, with fixtures for it under the engine's test resources.
 * Adding a kind is adding files; nothing lists them. A file is read and compiled the first
 * time an object of its kind is assessed, and the answer (a rule file or none) is kept.
 *
 * <p>A library file that does not parse is a defect of Capstan, not of the user's cluster: it
 * makes objects of its kind {@code Unknown} with the reason, and the fixture test fails.
 */
final class HealthLibrary {

    static final String ROOT = "dev/capstan/engine/health/library/";

    private static final HealthLibrary BUILT_IN = new HealthLibrary(HealthLibrary.class.getClassLoader());

    private final ClassLoader loader;
    private final ConcurrentMap<GroupKind, Optional<Entry>> entries = new ConcurrentHashMap<>();

    /** A kind's rules, or why they could not be read. */
    record Entry(GroupKind kind, Optional<HealthRules> rules, String problem) {

        /** {@code library:Certificate.cert-manager.io}: how a verdict names the library rule. */
        String name() {
            return "library:" + kind;
        }
    }

    HealthLibrary(ClassLoader loader) {
        this.loader = loader;
    }

    static HealthLibrary builtIn() {
        return BUILT_IN;
    }

    /** The resource that holds the rules for {@code kind}. */
    static String resourceOf(GroupKind kind) {
        return ROOT + (kind.isCore() ? "core" : kind.group()) + "/" + kind.kind() + ".yaml";
    }

    Optional<Entry> forKind(GroupKind kind) {
        return entries.computeIfAbsent(kind, this::load);
    }

    private Optional<Entry> load(GroupKind kind) {
        String resource = resourceOf(kind);
        String text;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        String source = "library/" + (kind.isCore() ? "core" : kind.group()) + "/" + kind.kind() + ".yaml";
        try {
            HealthRules rules = HealthRules.parse(text, source);
            var problems = rules.problems();
            if (!problems.isEmpty()) {
                return Optional.of(new Entry(kind, Optional.empty(), String.join("; ", problems)));
            }
            if (rules.kinds().stream().anyMatch(ruled -> !ruled.equals(kind))) {
                return Optional.of(new Entry(kind, Optional.empty(), source + " holds rules for other kinds than " + kind + ": " + rules.kinds()));
            }
            return Optional.of(new Entry(kind, Optional.of(rules), ""));
        } catch (HealthRulesException e) {
            return Optional.of(new Entry(kind, Optional.empty(), e.getMessage()));
        }
    }
}
