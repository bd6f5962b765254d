package dev.kvstore.bench.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Folds the rounds of a comparison into one result per point (target, TLS, client count, read
 * ratio): every figure of an operation type is the median of that figure over the rounds, each
 * taken on its own, so the median ops/s and the median p99 may come from different rounds. With an
 * even number of rounds the median is the mean of the middle two. Stateless.
 */
public final class Medians {
    private Medians() {}

    /**
     * One result per point of {@code runs}, in the order the points first appear, with round
     * {@link RunResult#MEDIAN}. An operation type gets a median only over the rounds that attempted it.
     */
    public static List<RunResult> of(List<RunResult> runs) {
        List<List<RunResult>> points = new ArrayList<>();
        for (RunResult run : runs) {
            points.stream().filter(p -> p.get(0).samePoint(run)).findFirst()
                    .ifPresentOrElse(p -> p.add(run), () -> points.add(new ArrayList<>(List.of(run))));
        }
        return points.stream().map(Medians::ofPoint).toList();
    }

    private static RunResult ofPoint(List<RunResult> rounds) {
        RunResult first = rounds.get(0);
        List<OpType> types = rounds.stream().flatMap(r -> r.ops().stream()).map(OpStats::op).distinct().toList();
        List<OpStats> ops = new ArrayList<>();
        for (OpType type : types) {
            List<OpStats> samples = rounds.stream().map(r -> r.op(type)).flatMap(Optional::stream).toList();
            ops.add(new OpStats(type,
                    Math.round(median(samples, OpStats::ops)),
                    Math.round(median(samples, OpStats::aborts)),
                    Math.round(median(samples, OpStats::errors)),
                    median(samples, OpStats::opsPerSec),
                    median(samples, OpStats::p50Micros),
                    median(samples, OpStats::p99Micros),
                    median(samples, OpStats::p999Micros),
                    median(samples, OpStats::maxMicros)));
        }
        double seconds = median(rounds, RunResult::seconds);
        return new RunResult(first.target(), first.tls(), first.clients(), first.readRatio(), seconds, ops, RunResult.MEDIAN);
    }

    /** The median of {@code figure} over {@code items}, which must not be empty. */
    private static <T> double median(List<T> items, ToDoubleFunction<T> figure) {
        double[] values = items.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) throw new IllegalArgumentException("the median of nothing");
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
