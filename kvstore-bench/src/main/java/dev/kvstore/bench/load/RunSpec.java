package dev.kvstore.bench.load;

import dev.kvstore.bench.workload.Workload;
import java.time.Duration;

/**
 * One closed-loop run: how many client threads, the warm-up (run but not recorded), the measured
 * duration, the share of reads, the workload, and whether to print a progress line each second.
 */
public record RunSpec(int clients, Duration warmup, Duration duration, double readRatio, Workload workload, boolean progress) {
    public RunSpec {
        if (clients < 1) throw new IllegalArgumentException("clients must be at least 1, got " + clients);
        if (warmup == null || warmup.isNegative()) throw new IllegalArgumentException("warm-up cannot be negative");
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("the measured duration must be positive");
        }
        if (!(readRatio >= 0 && readRatio <= 1)) throw new IllegalArgumentException("read ratio must be in [0, 1], got " + readRatio);
        if (workload == null) throw new IllegalArgumentException("a workload is required");
    }
}
