package dev.kvstore.bench.compare;

import dev.kvstore.bench.load.BenchTarget;
import dev.kvstore.bench.load.LoadRunner;
import dev.kvstore.bench.load.RunSpec;
import dev.kvstore.bench.result.OpStats;
import dev.kvstore.bench.result.RatioRow;
import dev.kvstore.bench.result.Report;
import dev.kvstore.bench.result.RunResult;
import dev.kvstore.bench.workload.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the same sweep against two targets, one after the other: each target is started, preloaded,
 * burnt in (with every load of the sweep in turn), driven with writes only (read ratio 0) and reads
 * only (read ratio 1) at every client count, then stopped before the next one starts, so they never
 * share the machine. With several rounds this is repeated, each round starting both afresh and
 * swapping which goes first, so that a machine whose speed drifts over minutes weighs on both alike;
 * the ratios then divide the first target's medians by the second's. For one thread.
 */
public final class ComparisonBenchmark {
    /** The read ratios of a comparison: writes only, then reads only. */
    public static final List<Double> READ_RATIOS = List.of(0.0, 1.0);

    /**
     * Starts (or reaches) a target for {@code round} (from 1), with no state left by another
     * round; called once per target and round.
     */
    @FunctionalInterface
    public interface TargetStarter {
        BenchTarget start(int round) throws Exception;
    }

    /** The run for a client count and read ratio, under the comparison's common settings. */
    @FunctionalInterface
    public interface Specs {
        RunSpec spec(int clients, double readRatio);
    }

    private final LoadRunner runner;
    private final Specs specs;
    private final List<Integer> sweep;
    private final Duration burnIn;
    private final int rounds;
    private final PrintStream notes;

    /**
     * Each target gets {@code burnIn} of unrecorded load after each start, and the sweep is
     * measured {@code rounds} times on each; notes get a line per run.
     */
    public ComparisonBenchmark(LoadRunner runner, Specs specs, List<Integer> sweep, Duration burnIn, int rounds,
            PrintStream notes) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        this.runner = runner;
        this.specs = specs;
        this.sweep = List.copyOf(sweep);
        this.burnIn = burnIn;
        this.rounds = rounds;
        this.notes = notes;
    }

    /** Runs the comparison; the report's ratios are first target / second target. */
    public Report run(List<TargetStarter> targets, Workload workload, Duration warmup, Duration duration) throws Exception {
        if (targets.size() != 2) throw new IllegalArgumentException("a comparison takes two targets, got " + targets.size());
        List<LoadRunner.Load> loads = measuredLoads();
        List<RunResult> runs = new ArrayList<>();
        String[] names = new String[2];
        for (int round = 1; round <= rounds; round++) {
            for (int index : firstInRound(round)) {
                try (BenchTarget target = targets.get(index).start(round)) {
                    names[index] = target.name();
                    target.preload();
                    runner.burnIn(target, burnIn, workload, loads);
                    for (LoadRunner.Load load : loads) {
                        RunResult result = runner.run(target, specs.spec(load.clients(), load.readRatio())).inRound(round);
                        note(result);
                        runs.add(result);
                    }
                }
            }
        }
        return new Report(workload, burnIn, warmup, duration, rounds, runs, RatioRow.compare(runs, names[0], names[1]));
    }

    /** The order of the two targets in {@code round}: as given in odd rounds, swapped in even ones. */
    private static int[] firstInRound(int round) {
        return round % 2 == 1 ? new int[] {0, 1} : new int[] {1, 0};
    }

    /** Every load the sweep measures, in order: writes then reads at each client count. */
    private List<LoadRunner.Load> measuredLoads() {
        List<LoadRunner.Load> loads = new ArrayList<>();
        for (int clients : sweep) {
            for (double readRatio : READ_RATIOS) loads.add(new LoadRunner.Load(clients, readRatio));
        }
        return loads;
    }

    private void note(RunResult r) {
        String round = rounds > 1 ? "round " + r.round() + ": " : "";
        for (OpStats s : r.ops()) {
            notes.printf(Locale.ROOT, "%s%s %d clients %s: %,.0f ops/s, p50 %.0f us, p99 %.0f us, %d aborts, %d errors%n",
                    round, r.target(), r.clients(), r.workloadLabel(), s.opsPerSec(), s.p50Micros(), s.p99Micros(),
                    s.aborts(), s.errors());
        }
    }
}
