package dev.capstan.engine.health;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;

import dev.capstan.engine.GroupKind;
import dev.capstan.engine.Health;
import dev.capstan.engine.HealthStatus;
import dev.capstan.engine.Manifest;

/**
 * One Argo CD health script: the kinds it judges, in Argo CD's notation ({@code group/Kind}, or
 * {@code Kind} for the core group, with {@code *} wildcards in the older format), and the script,
 * compiled once. Running it gives the status and message it returned, or {@code Unknown} with the
 * reason, naming the ConfigMap key, when it fails, runs too long or returns something else than
 * a table with a valid {@code status}.
 */
final class LuaHealthScript {

    private static final String STATUSES = Arrays.stream(HealthStatus.values()).map(HealthStatus::display).collect(Collectors.joining(", "));

    private final String key;
    private final String kinds;
    private final Pattern wildcard;
    private final Prototype script;
    private final String problem;

    private LuaHealthScript(String key, String kinds, Prototype script, String problem) {
        this.key = key;
        this.kinds = kinds;
        this.wildcard = kinds.contains("*") || kinds.contains("?") ? glob(kinds) : null;
        this.script = script;
        this.problem = problem;
    }

    /** Compiles {@code text}; a script that does not compile is kept, and judges its kinds Unknown with the error. */
    static LuaHealthScript compile(String key, String kinds, String text) {
        try {
            return new LuaHealthScript(key, kinds, LuaSandbox.compile(text, key), "");
        } catch (LuaError e) {
            return new LuaHealthScript(key, kinds, null, "does not compile: " + e.getMessage().strip());
        }
    }

    /** Argo CD's name for a kind: {@code cert-manager.io/Certificate}, or {@code Pod} in the core group. */
    static String notation(GroupKind kind) {
        return kind.isCore() ? kind.kind() : kind.group() + "/" + kind.kind();
    }

    /** The ConfigMap key the script came from, as messages name it. */
    String key() {
        return key;
    }

    /** The kinds it judges, in Argo CD's notation. */
    String kinds() {
        return kinds;
    }

    boolean isWildcard() {
        return wildcard != null;
    }

    boolean matches(String notation) {
        return wildcard == null ? kinds.equals(notation) : wildcard.matcher(notation).matches();
    }

    Optional<String> problem() {
        return problem.isEmpty() ? Optional.empty() : Optional.of(problem);
    }

    Health assess(Manifest live, LuaSandbox sandbox) {
        if (script == null) {
            return unknown(problem);
        }
        Varargs returned;
        try {
            returned = sandbox.run(script, LuaValues.of(live.at("")));
        } catch (LuaError e) {
            return unknown("failed: " + e.getMessage().strip());
        } catch (LuaSandbox.Exhausted e) {
            return unknown(e.getMessage());
        } catch (StackOverflowError e) {
            return unknown("stopped: the calls nest too deep (endless recursion?)");
        } catch (RuntimeException e) {
            return unknown("failed: " + e);
        }
        return verdict(returned.arg1());
    }

    private Health verdict(LuaValue returned) {
        if (!returned.istable()) {
            return unknown("returned " + returned.typename() + ", not a table with status and message");
        }
        LuaValue status = returned.get("status");
        if (!status.isstring()) {
            return unknown("returned no status (expected one of " + STATUSES + ")");
        }
        String name = status.tojstring();
        var health = Arrays.stream(HealthStatus.values()).filter(candidate -> candidate.display().equals(name)).findFirst();
        if (health.isEmpty()) {
            return unknown("returned the status \"" + name + "\", which is not one of " + STATUSES);
        }
        LuaValue message = returned.get("message");
        return new Health(health.get(), message.isnil() ? "" : message.tojstring());
    }

    private Health unknown(String reason) {
        return Health.unknown("the Lua health check " + key + " " + reason);
    }

    private static Pattern glob(String pattern) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
