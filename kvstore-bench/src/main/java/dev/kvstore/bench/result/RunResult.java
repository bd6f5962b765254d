package dev.kvstore.bench.result;

import java.util.List;
import java.util.Optional;

/**
 * The measured outcome of one closed-loop run against one target: whether its connections used
 * TLS, how many client threads, which read ratio, how long it was measured, the stats of each
 * operation type that was attempted, and the round of a comparison it belongs to (1 for a single
 * run; {@link #MEDIAN} for the medians of a point over its rounds, see {@link Medians}).
 */
public record RunResult(String target, boolean tls, int clients, double readRatio, double seconds, List<OpStats> ops,
                        int round) {
    /** The round of a result that is the median of a point over several rounds, not one run. */
    public static final int MEDIAN = 0;

    public RunResult {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("target is required");
        if (clients < 1) throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        if (!(readRatio >= 0 && readRatio <= 1)) throw new IllegalArgumentException("read ratio must be in [0, 1], got " + readRatio);
        if (round < MEDIAN) throw new IllegalArgumentException("round cannot be negative, got " + round);
        ops = List.copyOf(ops);
    }

    /** The same result, as measured in {@code round} of a comparison. */
    public RunResult inRound(int round) {
        return new RunResult(target, tls, clients, readRatio, seconds, ops, round);
    }

    /** Whether {@code other} measured the same point: target, TLS, client count and read ratio. */
    public boolean samePoint(RunResult other) {
        return target.equals(other.target) && tls == other.tls && clients == other.clients && readRatio == other.readRatio;
    }

    /** The stats of {@code type}, if any operation of that type was attempted. */
    public Optional<OpStats> op(OpType type) {
        return ops.stream().filter(s -> s.op() == type).findFirst();
    }

    /** Successful operations of every type. */
    public long totalOps() {
        return ops.stream().mapToLong(OpStats::ops).sum();
    }

    /** Successful operations of every type per second. */
    public double totalOpsPerSec() {
        return ops.stream().mapToDouble(OpStats::opsPerSec).sum();
    }

    /** "writes" for read ratio 0, "reads" for 1, otherwise "mixed". */
    public String workloadLabel() {
        if (readRatio == 0) return "writes";
        if (readRatio == 1) return "reads";
        return "mixed";
    }
}
