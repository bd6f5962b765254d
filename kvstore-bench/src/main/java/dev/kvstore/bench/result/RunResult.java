package dev.kvstore.bench.result;

import java.util.List;
import java.util.Optional;

/**
 * The measured outcome of one closed-loop run against one target: whether its connections used
 * TLS, how many client threads, which read ratio, how long it was measured, and the stats of each
 * operation type that was attempted.
 */
public record RunResult(String target, boolean tls, int clients, double readRatio, double seconds, List<OpStats> ops) {

    public RunResult {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("target is required");
        if (clients < 1) throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        if (!(readRatio >= 0 && readRatio <= 1)) throw new IllegalArgumentException("read ratio must be in [0, 1], got " + readRatio);
        ops = List.copyOf(ops);
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
