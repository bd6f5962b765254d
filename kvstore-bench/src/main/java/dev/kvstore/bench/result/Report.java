package dev.kvstore.bench.result;

import dev.kvstore.bench.workload.Workload;
import java.time.Duration;
import java.util.List;

/**
 * Everything one invocation of the tool measured, with the settings it ran under; what the formats
 * print. {@code burnIn} is the unrecorded load run once per target after it started.
 */
public record Report(Workload workload, Duration burnIn, Duration warmup, Duration duration, List<RunResult> runs,
                     List<RatioRow> ratios) {
    public Report {
        if (workload == null || burnIn == null || warmup == null || duration == null) throw new IllegalArgumentException("settings are required");
        runs = List.copyOf(runs);
        ratios = List.copyOf(ratios);
    }
}
