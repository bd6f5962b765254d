package dev.kvstore.bench.result;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a comparison: the same operation, client count and read ratio on two targets, with
 * the throughput ratio (numerator / denominator; above 1 means the numerator is faster) and the p99
 * ratio (below 1 means the numerator's tail is shorter). Over several rounds the figures are the
 * {@link Medians} of each target's rounds, and {@code lowestThroughputRatio} and {@code highestThroughputRatio}
 * are the extremes of the throughput ratios of single rounds: what a comparison of one round would have said.
 */
public record RatioRow(String workload, OpType op, int clients, String numerator, String denominator,
                       double numeratorOpsPerSec, double denominatorOpsPerSec,
                       double numeratorP99Micros, double denominatorP99Micros,
                       int rounds, double lowestThroughputRatio, double highestThroughputRatio) {

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
     * ratio, in the order the numerator's points first appear in {@code runs}.
     */
    public static List<RatioRow> compare(List<RunResult> runs, String numerator, String denominator) {
        List<RunResult> points = Medians.of(runs);
        List<RatioRow> rows = new ArrayList<>();
        for (RunResult a : points) {
            if (!a.target().equals(numerator)) continue;
            for (RunResult b : points) {
                if (!b.target().equals(denominator) || b.clients() != a.clients() || b.readRatio() != a.readRatio()) continue;
                for (OpStats sa : a.ops()) {
                    b.op(sa.op()).ifPresent(sb -> {
                        double[] perRound = roundRatios(runs, a, b, sa.op());
                        rows.add(new RatioRow(a.workloadLabel(), sa.op(), a.clients(), numerator, denominator,
                                sa.opsPerSec(), sb.opsPerSec(), sa.p99Micros(), sb.p99Micros(), perRound.length,
                                extreme(perRound, true), extreme(perRound, false)));
                    });
                }
            }
        }
        return List.copyOf(rows);
    }

    /** The throughput ratio of each round in which both points ran {@code op}. */
    private static double[] roundRatios(List<RunResult> runs, RunResult a, RunResult b, OpType op) {
        List<Double> ratios = new ArrayList<>();
        for (RunResult ra : runs) {
            if (!ra.samePoint(a)) continue;
            ra.op(op).ifPresent(sa -> {
                for (RunResult rb : runs) {
                    if (rb.round() != ra.round() || !rb.samePoint(b)) continue;
                    rb.op(op).ifPresent(sb -> ratios.add(ratio(sa.opsPerSec(), sb.opsPerSec())));
                }
            });
        }
        return ratios.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The lowest (or highest) finite ratio; NaN when there is none. */
    private static double extreme(double[] ratios, boolean lowest) {
        double result = Double.NaN;
        for (double r : ratios) {
            if (!Double.isFinite(r)) continue;
            if (Double.isNaN(result) || (lowest ? r < result : r > result)) result = r;
        }
        return result;
    }

    private static double ratio(double a, double b) {
        return b > 0 ? a / b : Double.NaN;
    }
}
