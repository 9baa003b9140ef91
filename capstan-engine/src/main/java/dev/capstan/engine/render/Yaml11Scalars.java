package dev.capstan.engine.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a plain (unquoted, untagged, not block) YAML scalar means to kubectl. kubectl apply, and
 * Argo CD, read manifests with sigs.k8s.io/yaml into unstructured objects: go-yaml v2 types each
 * scalar by YAML 1.1 rules, with no field type to go by, and the result is written as JSON. Users
 * write {@code defaultMode: 0755} expecting 493, so the renderer must type scalars the same way;
 * quoted and block scalars are always strings.
 *
 * <ul>
 *   <li>Null: empty, {@code ~ null Null NULL}.
 *   <li>Booleans: {@code y Y yes Yes YES on On ON true True TRUE} and
 *       {@code n N no No NO off Off OFF false False FALSE}, no other spellings.
 *   <li>Integers, once every {@code _} is removed, with Go's prefixes in any case: {@code 0755}
 *       and {@code 0o755} octal, {@code 0x1F}, {@code 0b101}, signed or not. Past int64 an
 *       unsigned one is still an integer, anything else a float.
 *   <li>Floats: {@code 1.5 1e3 .5 -.5e3 1.}; one that overflows stays a string. An integral
 *       float below 10^21 is the integer Go's JSON encoder writes ({@code 1e3} is 1000,
 *       {@code 1.0} is 1, so {@code version: 1.10} is 1.1). {@code .inf -.inf .nan} are floats
 *       JSON cannot hold: kubectl refuses the file, and {@link DocumentReader} refuses them.
 *   <li>Everything else is a string: timestamps ({@code 2024-01-01}), base-60 numbers
 *       ({@code 190:20:30}), other spellings ({@code yEs}, {@code NaN}, {@code 0x}).
 * </ul>
 *
 * <p>Keys are typed the same way, then turned back into text as sigs.k8s.io/yaml does: {@code yes},
 * {@code y} and {@code on} become {@code "true"}, {@code n} {@code "false"}, {@code 0755}
 * {@code "493"}, a float is printed as Go prints a float32 ({@code 1e+06}). A null key and an
 * integer key past int64 are refused, as kubectl refuses them.
 *
 * <p>So a boolean lands in a string field ({@code value: yes} in an env var, {@code on} in
 * ConfigMap data) exactly as with kubectl, and the API server refuses the object as it does for
 * kubectl. Capstan differs in two places, both in {@link DocumentReader}: keys that repeat once
 * typed ({@code yes} and {@code "true"}) are refused, where kubectl keeps one by Go's random map
 * order; and explicitly tagged scalars are typed by Jackson ({@code !!int "0755"} is 493 as in
 * kubectl, but {@code !!bool "yes"} stays a string).
 */
final class Yaml11Scalars {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Map<String, Object> WORDS = words();

    /** The floats go-yaml accepts after removing underscores, when text starts with a digit or sign. */
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    /** Go's float syntax for text starting with a dot, which go-yaml parses as it is: single underscores between digits. */
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?");
    /** Go writes floats from this magnitude up with an exponent, below it as plain digits. */
    private static final double EXPONENT_FROM = 1e21;

    private Yaml11Scalars() {
    }

    /** The JSON value kubectl makes of the plain scalar {@code plain}; a non-finite float is a double node. */
    static JsonNode resolve(String plain) {
        return switch (typed(plain)) {
            case null -> NODES.nullNode();
            case Boolean bool -> NODES.booleanNode(bool);
            case BigInteger integer -> integer(integer);
            case Double number -> number(number);
            case String text -> NODES.stringNode(text);
            default -> throw new IllegalStateException("untyped scalar " + plain);
        };
    }

    /** The JSON object key sigs.k8s.io/yaml makes of the plain key {@code plain}, or empty where it refuses the key. */
    static Optional<String> key(String plain) {
        return switch (typed(plain)) {
            case null -> Optional.empty();
            case Boolean bool -> Optional.of(bool.toString());
            case BigInteger integer -> integer.bitLength() < Long.SIZE ? Optional.of(integer.toString()) : Optional.empty();
            case Double number -> Optional.of(goFloat32(number));
            case String text -> Optional.of(text);
            default -> throw new IllegalStateException("untyped scalar " + plain);
        };
    }

    /** go-yaml v2's resolve() for an untagged plain scalar: null, Boolean, BigInteger, Double or the String itself. */
    private static Object typed(String plain) {
        if (NULLS.contains(plain)) {
            return null;
        }
        Object word = WORDS.get(plain);
        if (word != null) {
            return word;
        }
        char first = plain.charAt(0);
        if (first == '.') {
            return DOT_FLOAT.matcher(plain).matches() ? finiteOr(Double.parseDouble(plain.replace("_", "")), plain) : plain;
        }
        if (first == '+' || first == '-' || (first >= '0' && first <= '9')) {
            return number(plain);
        }
        return plain;
    }

    private static Object number(String plain) {
        String digits = plain.replace("_", "");
        BigInteger integer = goInteger(digits);
        if (integer != null && (integer.bitLength() < Long.SIZE || isUint64(integer, digits))) {
            return integer;
        }
        if (FLOAT.matcher(digits).matches()) {
            return finiteOr(Double.parseDouble(digits), plain);
        }
        return plain;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)} syntax, of any size: a sign, then 0b, 0o, 0x or 0 (octal) prefix. */
    private static BigInteger goInteger(String text) {
        String body = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        int radix = 10;
        if (body.startsWith("0")) {
            int prefixed = body.length() >= 3 ? prefixRadix(body.charAt(1)) : 0;
            if (prefixed == 0) {
                radix = 8;
                body = body.substring(1);
                if (body.isEmpty()) {
                    return BigInteger.ZERO;
                }
            } else {
                radix = prefixed;
                body = body.substring(2);
            }
        }
        if (!isDigits(body, radix)) {
            return null;
        }
        BigInteger magnitude = new BigInteger(body, radix);
        return text.startsWith("-") ? magnitude.negate() : magnitude;
    }

    private static int prefixRadix(char c) {
        return switch (c) {
            case 'b', 'B' -> 2;
            case 'o', 'O' -> 8;
            case 'x', 'X' -> 16;
            default -> 0;
        };
    }

    /** Go's {@code strconv.ParseUint}, tried when ParseInt fails: no sign allowed. */
    private static boolean isUint64(BigInteger integer, String digits) {
        return integer.signum() >= 0 && integer.bitLength() <= Long.SIZE && digits.charAt(0) != '+';
    }

    private static boolean isDigits(String text, int radix) {
        return !text.isEmpty() && text.chars().allMatch(c -> asciiDigit(c) < radix);
    }

    private static int asciiDigit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return Character.toLowerCase(c) - 'a' + 10;
        }
        return Integer.MAX_VALUE;
    }

    /** A float that overflows is an error to Go's ParseFloat, which leaves the scalar a string. */
    private static Object finiteOr(double number, String plain) {
        return Double.isInfinite(number) ? plain : number;
    }

    private static JsonNode integer(BigInteger integer) {
        if (integer.bitLength() < Integer.SIZE) {
            return NODES.numberNode(integer.intValue());
        }
        if (integer.bitLength() < Long.SIZE) {
            return NODES.numberNode(integer.longValue());
        }
        return NODES.numberNode(integer);
    }

    /** As encoding/json writes a float64: integral ones below 10^21 as their shortest digits, without a point. */
    private static JsonNode number(double number) {
        if (Double.isFinite(number) && number == Math.rint(number) && Math.abs(number) < EXPONENT_FROM) {
            return integer(new BigDecimal(Double.toString(number)).toBigInteger());
        }
        return NODES.numberNode(number);
    }

    /** Go's {@code strconv.FormatFloat(f, 'g', -1, 32)} with go-yaml's names for infinities and NaN. */
    private static String goFloat32(double number) {
        float single = (float) number;
        if (Float.isNaN(single)) {
            return ".nan";
        }
        if (Float.isInfinite(single)) {
            return single > 0 ? ".inf" : "-.inf";
        }
        String sign = Float.floatToRawIntBits(single) < 0 ? "-" : "";
        if (single == 0) {
            return sign + "0";
        }
        BigDecimal shortest = new BigDecimal(Float.toString(Math.abs(single))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        if (exponent >= -4 && exponent < 6) {
            return sign + shortest.toPlainString();
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    private static Map<String, Object> words() {
        var words = new HashMap<String, Object>();
        for (String word : "y Y yes Yes YES on On ON true True TRUE".split(" ")) {
            words.put(word, true);
        }
        for (String word : "n N no No NO off Off OFF false False FALSE".split(" ")) {
            words.put(word, false);
        }
        for (String word : ".nan .NaN .NAN".split(" ")) {
            words.put(word, Double.NaN);
        }
        for (String word : ".inf .Inf .INF +.inf +.Inf +.INF".split(" ")) {
            words.put(word, Double.POSITIVE_INFINITY);
        }
        for (String word : "-.inf -.Inf -.INF".split(" ")) {
            words.put(word, Double.NEGATIVE_INFINITY);
        }
        return Map.copyOf(words);
    }
}
