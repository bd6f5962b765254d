package dev.kvstore.bench.result;

import dev.kvstore.rmi.Durations;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Report} as aligned text columns: every run; after several rounds, also the
 * medians of each point; then the ratios, with the range of single rounds' ratios after several.
 * Stateless.
 */
final class TableFormat {
    private static final String RUN_ROW = "%-10s %-3s %7s %5s %-4s %10s %9s %9s %9s %9s %9s %7s %7s";
    private static final String RATIO_ROW = "%-7s %-4s %7s %12s %12s %7s %10s %10s %7s";

    private TableFormat() {}

    static String render(Report report) {
        StringBuilder out = new StringBuilder();
        var w = report.workload();
        boolean rounds = report.rounds() > 1;
        out.append(String.format(Locale.ROOT, "keys %d, value %d B, %s%s, seed %d, burn-in %s, warm-up %s, measured %s%s%n",
                w.keys(), w.valueSize(), w.distribution().name().toLowerCase(Locale.ROOT),
                w.distribution().name().equals("ZIPFIAN") ? " (theta " + w.zipfTheta() + ")" : "", w.seed(),
                Durations.format(report.burnIn()), Durations.format(report.warmup()), Durations.format(report.duration()),
                rounds ? ", " + report.rounds() + " rounds" : ""));
        runs(out, report.runs(), rounds);
        if (rounds) {
            out.append(String.format("%nmedians of %d rounds%n", report.rounds()));
            runs(out, report.points(), false);
        }
        if (!report.ratios().isEmpty()) ratios(out, report.ratios(), rounds);
        return out.toString();
    }

    private static void runs(StringBuilder out, List<RunResult> runs, boolean roundColumn) {
        String row = (roundColumn ? "%5s " : "%s") + RUN_ROW + "%n";
        out.append(String.format(Locale.ROOT, row, roundColumn ? "round" : "",
                "target", "tls", "clients", "read", "op", "ops/s", "p50 us", "p99 us", "p99.9 us", "max us", "ops", "aborts",
                "errors"));
        for (RunResult run : runs) {
            for (OpStats s : run.ops()) {
                out.append(String.format(Locale.ROOT, row, roundColumn ? Integer.toString(run.round()) : "", run.target(),
                        run.tls() ? "on" : "off", run.clients(), fixed(run.readRatio(), 2), s.op(), fixed(s.opsPerSec(), 0),
                        fixed(s.p50Micros(), 1), fixed(s.p99Micros(), 1), fixed(s.p999Micros(), 1), fixed(s.maxMicros(), 1),
                        s.ops(), s.aborts(), s.errors()));
            }
        }
    }

    private static void ratios(StringBuilder out, List<RatioRow> ratios, boolean rangeColumn) {
        RatioRow first = ratios.get(0);
        out.append(String.format("%n%s / %s%s%n", first.numerator(), first.denominator(), rangeColumn ? " (medians)" : ""));
        String row = RATIO_ROW + (rangeColumn ? " %13s" : "") + "%n"; // without the range column, its argument is unused
        out.append(String.format(Locale.ROOT, row, "load", "op", "clients",
                first.numerator() + " ops/s", first.denominator() + " ops/s", "ratio", "p99 us", "p99 us", "ratio",
                "per round"));
        for (RatioRow r : ratios) {
            out.append(String.format(Locale.ROOT, row, r.workload(), r.op(),
                    r.clients(), fixed(r.numeratorOpsPerSec(), 0), fixed(r.denominatorOpsPerSec(), 0),
                    times(r.throughputRatio()), fixed(r.numeratorP99Micros(), 1), fixed(r.denominatorP99Micros(), 1),
                    times(r.p99Ratio()), times(r.lowestThroughputRatio()) + "-" + times(r.highestThroughputRatio())));
        }
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String times(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2fx", ratio) : "n/a";
    }
}
