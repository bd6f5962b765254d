package dev.kvstore.bench.result;

import org.HdrHistogram.Histogram;

/**
 * One operation type's measured results in one run: successful operations, their rate and latency
 * percentiles (microseconds, successful operations only), and the failures, counted apart.
 */
public record OpStats(OpType op, long ops, long aborts, long errors, double opsPerSec,
                      double p50Micros, double p99Micros, double p999Micros, double maxMicros) {

    public OpStats {
        if (op == null) throw new IllegalArgumentException("op is required");
        if (ops < 0 || aborts < 0 || errors < 0) throw new IllegalArgumentException("counts cannot be negative");
    }

    /**
     * The stats of {@code latenciesNanos} (one value per successful operation) measured over
     * {@code seconds}.
     */
    public static OpStats of(OpType op, Histogram latenciesNanos, long aborts, long errors, double seconds) {
        if (!(seconds > 0)) throw new IllegalArgumentException("seconds must be positive, got " + seconds);
        long ops = latenciesNanos.getTotalCount();
        if (ops == 0) return new OpStats(op, 0, aborts, errors, 0, 0, 0, 0, 0);
        return new OpStats(op, ops, aborts, errors, ops / seconds,
                micros(latenciesNanos.getValueAtPercentile(50)),
                micros(latenciesNanos.getValueAtPercentile(99)),
                micros(latenciesNanos.getValueAtPercentile(99.9)),
                micros(latenciesNanos.getMaxValue()));
    }

    /** Operations that were attempted, whatever their outcome. */
    public long attempts() {
        return ops + aborts + errors;
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
