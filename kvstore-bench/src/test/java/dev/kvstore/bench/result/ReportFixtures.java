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
        return new RunResult(target, false, clients, readRatio, 10.0, List.of(ops));
    }

    static Report comparison() {
        List<RunResult> runs = List.of(
                run("kvstore", 1, 0.0, stats(OpType.PUT, 1000, 1500)),
                run("kvstore", 1, 1.0, stats(OpType.GET, 9000, 200)),
                run("zookeeper", 1, 0.0, stats(OpType.PUT, 800, 3000)),
                run("zookeeper", 1, 1.0, stats(OpType.GET, 3000, 400)));
        return new Report(WORKLOAD, Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(10), runs,
                RatioRow.compare(runs, "kvstore", "zookeeper"));
    }
}
