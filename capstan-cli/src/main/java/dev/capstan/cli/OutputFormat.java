package dev.capstan.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The {@code -o} formats; each command says which of them it prints. */
enum OutputFormat {
    TABLE, WIDE, NAME, YAML, JSON;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Refuses, as a usage error, a format the command does not print. */
    void requireOneOf(CommandSpec spec, OutputFormat... allowed) {
        if (!Arrays.asList(allowed).contains(this)) {
            throw new ParameterException(spec.commandLine(), "-o " + this + " is not available here; use "
                    + Arrays.stream(allowed).map(OutputFormat::toString).collect(Collectors.joining(", ")));
        }
    }

    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat format : values()) {
                if (format.toString().equalsIgnoreCase(value)) {
                    return format;
                }
            }
            throw new TypeConversionException("unknown output format '" + value + "' (one of "
                    + List.of(values()).stream().map(OutputFormat::toString).collect(Collectors.joining(", ")) + ")");
        }
    }
}
