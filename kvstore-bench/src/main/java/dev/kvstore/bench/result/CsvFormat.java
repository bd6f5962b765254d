package dev.kvstore.bench.result;

import java.util.Locale;

/**
 * Renders a {@link Report} as CSV: one line per operation type per run. Ratios are not repeated
 * here; they follow from the rows. Stateless.
 */
final class CsvFormat {
    /** {@code tls} comes last, so the columns before it keep the places they had before it was added. */
    static final String HEADER = "target,clients,read_ratio,op,ops,aborts,errors,seconds,ops_per_sec,p50_us,p99_us,p999_us,max_us,tls";

    private CsvFormat() {}

    static String render(Report report) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (RunResult run : report.runs()) {
            for (OpStats s : run.ops()) {
                out.append(String.format(Locale.ROOT, "%s,%d,%.2f,%s,%d,%d,%d,%.3f,%.1f,%.1f,%.1f,%.1f,%.1f,%b%n",
                        run.target(), run.clients(), run.readRatio(), s.op(), s.ops(), s.aborts(), s.errors(),
                        run.seconds(), s.opsPerSec(), s.p50Micros(), s.p99Micros(), s.p999Micros(), s.maxMicros(), run.tls()));
            }
        }
        return out.toString();
    }
}
