package dev.kvstore.bench.load;

import dev.kvstore.bench.result.OpStats;
import dev.kvstore.bench.result.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One worker thread's recordings: a latency histogram of successful operations and abort and
 * error counts, per operation type. Written by its worker only; read after the worker has ended
 * (the thread join is the hand-over), or merged into a fresh instance.
 */
final class WorkerStats {
    /** Latencies up to a minute are recorded exactly (3 significant digits); longer ones still fit (auto-resize). */
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Histogram[] latencies = new Histogram[OpType.values().length];
    private final long[] aborts = new long[OpType.values().length];
    private final long[] errors = new long[OpType.values().length];

    WorkerStats() {
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
            latencies[i].setAutoResize(true);
        }
    }

    void record(OpType op, Outcome outcome, long nanos) {
        switch (outcome) {
            case OK -> latencies[op.ordinal()].recordValue(Math.max(1, nanos));
            case ABORT -> aborts[op.ordinal()]++;
            case ERROR -> errors[op.ordinal()]++;
        }
    }

    /** All of {@code parts} added together. */
    static WorkerStats merge(List<WorkerStats> parts) {
        WorkerStats sum = new WorkerStats();
        for (WorkerStats part : parts) {
            for (int i = 0; i < sum.latencies.length; i++) {
                sum.latencies[i].add(part.latencies[i]);
                sum.aborts[i] += part.aborts[i];
                sum.errors[i] += part.errors[i];
            }
        }
        return sum;
    }

    /** Stats of every operation type that was attempted at all, over {@code seconds}. */
    List<OpStats> toOpStats(double seconds) {
        List<OpStats> out = new ArrayList<>();
        for (OpType op : OpType.values()) {
            int i = op.ordinal();
            if (latencies[i].getTotalCount() + aborts[i] + errors[i] == 0) continue;
            out.add(OpStats.of(op, latencies[i], aborts[i], errors[i], seconds));
        }
        return out;
    }
}
