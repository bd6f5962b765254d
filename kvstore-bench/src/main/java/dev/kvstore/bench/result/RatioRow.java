package dev.kvstore.bench.result;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a comparison: the same operation, client count and read ratio on two targets, with
 * the throughput ratio (numerator / denominator; above 1 means the numerator is faster) and the p99
 * ratio (below 1 means the numerator's tail is shorter).
 */
public record RatioRow(String workload, OpType op, int clients, String numerator, String denominator,
                       double numeratorOpsPerSec, double denominatorOpsPerSec,
                       double numeratorP99Micros, double denominatorP99Micros) {

    /** Numerator ops/s over denominator ops/s; NaN when the denominator did nothing. */
    public double throughputRatio() {
        return ratio(numeratorOpsPerSec, denominatorOpsPerSec);
    }

    /** Numerator p99 over denominator p99; NaN when the denominator has no latency. */
    public double p99Ratio() {
        return ratio(numeratorP99Micros, denominatorP99Micros);
    }

    /**
     * A row for every operation type that both targets ran at the same client count and read
     * ratio, in the order of {@code runs}.
     */
    public static List<RatioRow> compare(List<RunResult> runs, String numerator, String denominator) {
        List<RatioRow> rows = new ArrayList<>();
        for (RunResult a : runs) {
            if (!a.target().equals(numerator)) continue;
            for (RunResult b : runs) {
                if (!b.target().equals(denominator) || b.clients() != a.clients() || b.readRatio() != a.readRatio()) continue;
                for (OpStats sa : a.ops()) {
                    b.op(sa.op()).ifPresent(sb -> rows.add(new RatioRow(a.workloadLabel(), sa.op(), a.clients(),
                            numerator, denominator, sa.opsPerSec(), sb.opsPerSec(), sa.p99Micros(), sb.p99Micros())));
                }
            }
        }
        return List.copyOf(rows);
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }
}
