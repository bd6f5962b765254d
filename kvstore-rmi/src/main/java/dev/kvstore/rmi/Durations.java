package dev.kvstore.rmi;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The durations every KVStore command line and script takes, as people type them: {@code 500ms},
 * {@code 45s}, {@code 1.5s}, {@code 2m}, {@code 1h}, a bare number of seconds ({@code 45}), and
 * sums such as {@code 45s+20s}. Stateless.
 */
public final class Durations {
    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private Durations() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming it and saying what is allowed. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) throw bad(text, "");
        BigDecimal nanos = BigDecimal.ZERO;
        for (String term : text.trim().split("\\+", -1)) {
            Matcher m = TERM.matcher(term.trim());
            if (!m.matches()) throw bad(text, "");
            String unit = m.group(2) == null ? "s" : m.group(2);
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(nanosPer(unit)));
        }
        if (nanos.compareTo(MAX_NANOS) > 0) throw bad(text, " (too large)");
        return Duration.ofNanos(nanos.longValue());
    }

    /** The shortest exact form that {@link #parse} reads back: {@code 45s}, {@code 1.5s}, {@code 250ms}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) return (millis / 1000) + "s";
        if (millis < 1000) return millis + "ms";
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static BigDecimal nanosPer(String unit) {
        return switch (unit) {
            case "ms" -> BigDecimal.valueOf(1_000_000L);
            case "s" -> BigDecimal.valueOf(1_000_000_000L);
            case "m" -> BigDecimal.valueOf(60_000_000_000L);
            default -> BigDecimal.valueOf(3_600_000_000_000L);
        };
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a duration" + why
                + ": use a number and a unit (ms, s, m or h), e.g. 500ms, 45s, 1.5s, 2m, 45s+20s; a bare number is seconds");
    }
}
