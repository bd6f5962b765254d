package dev.kvstore.bench.result;

import dev.kvstore.bench.workload.Workload;
import java.time.Duration;
import java.util.List;

/**
 * Everything one invocation of the tool measured, with the settings it ran under; what the formats
 * print. {@code burnIn} is the unrecorded load run after each start of a target; {@code rounds}
 * is how many times a comparison measured each point of each target ({@code runs} holds every
 * round's results, {@code ratios} compare their {@link Medians}).
 */
public record Report(Workload workload, Duration burnIn, Duration warmup, Duration duration, int rounds,
                     List<RunResult> runs, List<RatioRow> ratios) {
    public Report {
        if (workload == null || burnIn == null || warmup == null || duration == null) throw new IllegalArgumentException("settings are required");
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        runs = List.copyOf(runs);
        ratios = List.copyOf(ratios);
    }

    /** One result per point: the run itself after one round, the medians of its rounds after several. */
    public List<RunResult> points() {
        return rounds == 1 ? runs : Medians.of(runs);
    }
}
