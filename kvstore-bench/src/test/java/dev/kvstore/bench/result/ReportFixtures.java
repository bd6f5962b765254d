package dev.kvstore.bench.result;

import dev.kvstore.bench.workload.KeyDistribution;
import dev.kvstore.bench.workload.Workload;
import java.time.Duration;
import java.util.List;

/** Small hand-made results for the formatting and ratio tests. */
final class ReportFixtures {
    static final Workload WORKLOAD = new Workload(1000, 100, KeyDistribution.UNIFORM, 0.99, 1);

    private ReportFixtures() {}

    static OpStats stats(OpType op, double opsPerSec, double p99) {
        return new OpStats(op, (long) (opsPerSec * 10), 1, 2, opsPerSec, p99 / 4, p99, p99 * 2, p99 * 3);
    }

    static RunResult run(String target, int clients, double readRatio, OpStats... ops) {
        return new RunResult(target, false, clients, readRatio, 10.0, List.of(ops), 1);
    }

    static Report comparison() {
        List<RunResult> runs = List.of(
                run("kvstore", 1, 0.0, stats(OpType.PUT, 1000, 1500)),
                run("kvstore", 1, 1.0, stats(OpType.GET, 9000, 200)),
                run("zookeeper", 1, 0.0, stats(OpType.PUT, 800, 3000)),
                run("zookeeper", 1, 1.0, stats(OpType.GET, 3000, 400)));
        return new Report(WORKLOAD, Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(10), 1, runs,
                RatioRow.compare(runs, "kvstore", "zookeeper"));
    }

    /**
     * Three rounds of writes at one client: kvstore 1000, 1200 and 900 ops/s (p99 1500, 1000, 2000),
     * zookeeper 800, 1000 and 500 (p99 3000, 2500, 4000); the round ratios are 1.25, 1.2 and 1.8.
     */
    static Report threeRounds() {
        List<RunResult> runs = List.of(
                run("kvstore", 1, 0.0, stats(OpType.PUT, 1000, 1500)).inRound(1),
                run("zookeeper", 1, 0.0, stats(OpType.PUT, 800, 3000)).inRound(1),
                run("zookeeper", 1, 0.0, stats(OpType.PUT, 1000, 2500)).inRound(2),
                run("kvstore", 1, 0.0, stats(OpType.PUT, 1200, 1000)).inRound(2),
                run("kvstore", 1, 0.0, stats(OpType.PUT, 900, 2000)).inRound(3),
                run("zookeeper", 1, 0.0, stats(OpType.PUT, 500, 4000)).inRound(3));
        return new Report(WORKLOAD, Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(10), 3, runs,
                RatioRow.compare(runs, "kvstore", "zookeeper"));
    }
}
