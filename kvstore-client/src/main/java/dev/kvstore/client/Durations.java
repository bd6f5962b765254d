package dev.kvstore.client;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way people type them: {@code 500ms}, {@code 45s}, {@code 1.5s},
 * {@code 2m}, and sums such as {@code 45s+20s+500ms}. Stateless.
 */
public final class Durations {
    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    private Durations() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a sentence saying what is allowed. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) throw bad(text);
        Duration total = Duration.ZERO;
        for (String term : text.trim().split("\\+", -1)) {
            Matcher m = TERM.matcher(term.trim());
            if (!m.matches()) throw bad(text);
            BigDecimal amount = new BigDecimal(m.group(1));
            BigDecimal nanosPerUnit = switch (m.group(2)) {
                case "ms" -> BigDecimal.valueOf(1_000_000L);
                case "s" -> BigDecimal.valueOf(1_000_000_000L);
                default -> BigDecimal.valueOf(60_000_000_000L);
            };
            total = total.plusNanos(amount.multiply(nanosPerUnit).longValue());
        }
        return total;
    }

    /** {@code 45s}, {@code 1.5s}, {@code 250ms}: the shortest exact form. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) return (millis / 1000) + "s";
        if (millis < 1000) return millis + "ms";
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException(
                "bad duration '" + text + "': use a number and a unit (ms, s or m), e.g. 500ms, 45s, 2m, 45s+20s");
    }
}
