package dev.kvstore.coordinator.process;

import dev.kvstore.rmi.Durations;

import java.time.Duration;
import java.util.Objects;

/**
 * One scheduled fault: kill the replica on {@code port} with SIGKILL {@code at} after all replicas
 * were first UP, and restart it {@code downFor} later. An immutable value.
 */
public record FaultSpec(int port, Duration at, Duration downFor) {

    /** Longer faults are typos; the bound also keeps nanosecond arithmetic on the fault clock from overflowing. */
    static final Duration MAX_DURATION = Duration.ofDays(365);


    public FaultSpec {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("fault port must be in 1..65535, got " + port);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(downFor, "downFor");
        if (at.isNegative()) throw new IllegalArgumentException("fault time 'at' must not be negative: " + at);
        if (downFor.isNegative()) throw new IllegalArgumentException("fault 'downFor' must not be negative: " + downFor);
        if (at.compareTo(MAX_DURATION) > 0 || downFor.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("fault durations must be at most 365 days: at " + at + ", downFor " + downFor);
        }
    }

    /**
     * Parses {@code PORT:AT:DOWN_FOR}, for example {@code 3333:45s:20s}. Durations are a whole number with
     * an optional unit: {@code ms}, {@code s}, {@code m} or {@code h}; a bare number means seconds.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static FaultSpec parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String[] parts = spec.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("bad fault spec '" + spec
                    + "': expected PORT:AT:DOWN_FOR, for example 3333:45s:20s");
        }
        int port = parsePort(spec, parts[0].trim());
        Duration at = parseDuration(spec, "AT", parts[1].trim());
        Duration downFor = parseDuration(spec, "DOWN_FOR", parts[2].trim());
        return new FaultSpec(port, at, downFor);
    }

    private static int parsePort(String spec, String text) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad fault spec '" + spec + "': PORT '" + text + "' is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("bad fault spec '" + spec + "': PORT " + port + " is not in 1..65535");
        }
        return port;
    }

    private static Duration parseDuration(String spec, String part, String text) {
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad fault spec '" + spec + "': " + part + " '" + text
                    + "' is not a duration (use 500ms, 45s, 2m, or bare seconds like 45)");
        }
        if (d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("bad fault spec '" + spec + "': " + part + " '" + text + "' is too large");
        }
        return d;
    }

    /** The spec in the form {@link #parse} reads. */
    @Override
    public String toString() {
        return port + ":" + at.toMillis() + "ms:" + downFor.toMillis() + "ms";
    }
}
