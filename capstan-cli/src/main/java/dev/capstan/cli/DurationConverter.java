package dev.capstan.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration as users write one for kubectl: {@code 90s}, {@code 5m}, {@code 1h30m}, or plain seconds. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

    @Override
    public Duration convert(String value) {
        String text = value.trim();
        if (text.matches("\\d+")) {
            return positive(Duration.ofSeconds(Long.parseLong(text)), value);
        }
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != text.length()) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 5m or 1h30m");
        }
        return positive(total, value);
    }

    private static Duration positive(Duration duration, String value) {
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "': the duration must be longer than zero");
        }
        return duration;
    }
}
