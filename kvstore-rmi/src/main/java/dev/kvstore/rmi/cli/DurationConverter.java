package dev.kvstore.rmi.cli;

import dev.kvstore.rmi.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads command-line durations such as 500ms, 1s, 2m with {@link Durations}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage()); // picocli prints it as a usage error
        }
    }
}
