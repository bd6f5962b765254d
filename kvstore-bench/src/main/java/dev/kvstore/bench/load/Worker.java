package dev.kvstore.bench.load;

import dev.kvstore.bench.result.OpType;
import dev.kvstore.bench.workload.KeyChooser;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One closed-loop client: issues an operation, waits for it, issues the next, until the run ends.
 * Calls its client directly on its own thread. An operation counts when it started in the measured
 * window; warm-up operations are run but not recorded.
 */
final class Worker implements Runnable {
    private final BenchClient client;
    private final KeyChooser keys;
    private final double readRatio;
    private final SplittableRandom random;
    private final long measureFromNanos;
    private final long endNanos;
    private final LongAdder measuredOk;
    private final WorkerStats stats = new WorkerStats();

    Worker(BenchClient client, KeyChooser keys, double readRatio, long seed, long measureFromNanos, long endNanos,
           LongAdder measuredOk) {
        this.client = client;
        this.keys = keys;
        this.readRatio = readRatio;
        this.random = new SplittableRandom(seed);
        this.measureFromNanos = measureFromNanos;
        this.endNanos = endNanos;
        this.measuredOk = measuredOk;
    }

    @Override
    public void run() {
        while (true) {
            boolean read = readRatio >= 1 || (readRatio > 0 && random.nextDouble() < readRatio);
            int key = keys.next(random);
            long start = System.nanoTime();
            if (start - endNanos >= 0) return;
            Outcome outcome = read ? client.read(key) : client.write(key);
            long latency = System.nanoTime() - start;
            if (start - measureFromNanos >= 0) {
                stats.record(read ? OpType.GET : OpType.PUT, outcome, latency);
                if (outcome == Outcome.OK) measuredOk.increment();
            }
        }
    }

    /** This worker's recordings; read only after its thread has ended. */
    WorkerStats stats() {
        return stats;
    }
}
