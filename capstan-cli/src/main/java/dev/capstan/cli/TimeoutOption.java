package dev.capstan.cli;

import java.time.Duration;

import picocli.CommandLine.Option;

/** How long a command waits for the cluster to reach what it waits for. */
final class TimeoutOption {

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How long to wait, e.g. 90s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    Duration timeout;
}
