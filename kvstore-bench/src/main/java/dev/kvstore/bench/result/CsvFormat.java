package dev.kvstore.bench.result;

import java.util.Locale;

/**
 * Renders a {@link Report} as CSV: one line per operation type per run, every round's. Ratios and
 * medians are not repeated here; they follow from the rows. Stateless.
 */
final class CsvFormat {
    /** Later columns ({@code tls}, then {@code round}) come last, so earlier ones keep their places. */
    static final String HEADER = "target,clients,read_ratio,op,ops,aborts,errors,seconds,ops_per_sec,p50_us,p99_us,p999_us,max_us,tls,round";

    private CsvFormat() {}

    static String render(Report report) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (RunResult run : report.runs()) {
            for (OpStats s : run.ops()) {
                out.append(String.format(Locale.ROOT, "%s,%d,%.2f,%s,%d,%d,%d,%.3f,%.1f,%.1f,%.1f,%.1f,%.1f,%b,%d%n",
                        run.target(), run.clients(), run.readRatio(), s.op(), s.ops(), s.aborts(), s.errors(),
                        run.seconds(), s.opsPerSec(), s.p50Micros(), s.p99Micros(), s.p999Micros(), s.maxMicros(), run.tls(),
                        run.round()));
            }
        }
        return out.toString();
    }
}
