package dev.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The CLI reference, {@code docs/cli-reference.md}, generated from the picocli model so that it
 * says what the code does: every visible command with its usage line, description, arguments and
 * options (with defaults). {@code CliReferenceTest} fails when the file differs from what this
 * class generates.
 */
public final class CliReference {

    /** How to regenerate the file, for the file itself and for the test's failure message. */
    public static final String REGENERATE = "./mvnw -pl capstan-cli test -Dtest=CliReferenceTest -Dcapstan.regenerate=true";

    private static final int WIDTH = 100;

    private CliReference() {
    }

    /** Writes the reference to the file given as the only argument. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), markdown());
    }

    /** The whole reference, as Markdown. */
    public static String markdown() {
        var text = new StringBuilder("""
                # Capstan CLI reference

                Generated from the command definitions by `CliReference`; do not edit by hand. After changing a command, run
                `%s`.
                Every command also takes `-h`/`--help`; `capstan --version` prints the version.

                """.formatted(REGENERATE));
        List<CommandSpec> commands = new ArrayList<>();
        collect(Main.commandLine().getCommandSpec(), commands);
        text.append("## Commands\n\n");
        for (CommandSpec command : commands) {
            text.append("- [`").append(command.qualifiedName()).append("`](#").append(anchor(command)).append(")\n");
        }
        text.append('\n');
        commands.forEach(command -> section(text, command));
        return text.toString();
    }

    private static void collect(CommandSpec command, List<CommandSpec> into) {
        into.add(command);
        command.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .distinct()
                .filter(sub -> !sub.usageMessage().hidden())
                .forEach(sub -> collect(sub, into));
    }

    private static void section(StringBuilder text, CommandSpec command) {
        command.usageMessage().width(WIDTH);
        text.append("## ").append(command.qualifiedName()).append("\n\n");
        String synopsis = new Help(command, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).stripTrailing();
        text.append("```\n").append(synopsis).append("\n```\n\n");
        for (String paragraph : command.usageMessage().description()) {
            text.append(markdownText(paragraph)).append("\n\n");
        }
        List<PositionalParamSpec> parameters = command.positionalParameters().stream().filter(parameter -> !parameter.hidden()).toList();
        if (!parameters.isEmpty()) {
            text.append("| Argument | Description |\n| --- | --- |\n");
            for (PositionalParamSpec parameter : parameters) {
                text.append("| `").append(parameter.paramLabel()).append("` | ").append(cell(description(parameter.renderedDescription())))
                        .append(" |\n");
            }
            text.append('\n');
        }
        List<OptionSpec> options = command.options().stream()
                .filter(option -> !option.hidden() && !option.usageHelp() && !option.versionHelp())
                .toList();
        if (!options.isEmpty()) {
            text.append("| Option | Description | Default |\n| --- | --- | --- |\n");
            for (OptionSpec option : options) {
                String description = description(option.renderedDescription());
                String defaultValue = defaultValue(option);
                if (description.contains("default: " + defaultValue)) {
                    defaultValue = "";
                }
                text.append("| `").append(names(option)).append("` | ").append(cell(description))
                        .append(" | ").append(defaultValue.isEmpty() ? "" : "`" + cell(defaultValue) + "`").append(" |\n");
            }
            text.append('\n');
        }
        if (!command.subcommands().isEmpty()) {
            text.append("Subcommands: ").append(command.subcommands().values().stream()
                    .map(CommandLine::getCommandSpec).distinct()
                    .filter(sub -> !sub.usageMessage().hidden())
                    .map(sub -> "[`" + sub.name() + "`](#" + anchor(sub) + ")")
                    .collect(Collectors.joining(", "))).append(".\n\n");
        }
    }

    private static String names(OptionSpec option) {
        String names = String.join(", ", option.names());
        if (option.arity().max() == 0) {
            return names;
        }
        return option.arity().min() == 0 ? names + "[=" + option.paramLabel() + "]" : names + " " + option.paramLabel();
    }

    /** The default or initial value, unless it says nothing (false, empty, null). */
    private static String defaultValue(OptionSpec option) {
        String value = option.defaultValue() != null ? option.defaultValue()
                : option.hasInitialValue() && option.initialValue() != null ? String.valueOf(option.initialValue()) : "";
        return value.equals("false") || value.equals("[]") ? "" : value;
    }

    private static String description(String[] lines) {
        return String.join(" ", lines);
    }

    /** Text in a table cell: no line breaks, and no {@code |} that would end it. */
    private static String cell(String text) {
        return markdownText(text).replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }

    /** Text that Markdown shows as written: no HTML tags, no emphasis. */
    private static String markdownText(String text) {
        return text.replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*");
    }

    /** The anchor GitHub gives the heading {@code ## capstan app create}. */
    private static String anchor(CommandSpec command) {
        return command.qualifiedName().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
