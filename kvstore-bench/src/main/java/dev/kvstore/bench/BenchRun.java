package dev.kvstore.bench;

import dev.kvstore.bench.compare.ComparisonBenchmark;
import dev.kvstore.bench.compare.ComparisonCharts;
import dev.kvstore.bench.load.BenchTarget;
import dev.kvstore.bench.load.LoadRunner;
import dev.kvstore.bench.result.OutputFormat;
import dev.kvstore.bench.result.Report;
import dev.kvstore.bench.result.RunResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Carries out a checked configuration: a single run or a comparison, then the output. Results go
 * to {@code out}; progress and notes to {@code err}, so {@code out} stays parseable. For one thread.
 */
final class BenchRun {
    private final PrintStream out;
    private final PrintStream err;

    BenchRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code config}; returns the process exit status. */
    int execute(BenchConfig config) throws Exception {
        try (ScratchDir scratch = ScratchDir.of(config.dataDir())) {
            LoadRunner runner = new LoadRunner(err);
            Report report = config.compare() ? compare(config, scratch.path(), runner) : single(config, scratch.path(), runner);
            emit(config, report);
            scratch.succeeded();
            return 0;
        }
    }

    private Report compare(BenchConfig config, Path scratch, LoadRunner runner) throws Exception {
        // Each round's clusters get directories of their own, so no round starts on another's data.
        List<ComparisonBenchmark.TargetStarter> targets = List.of(
                round -> BenchTargets.open(TargetKind.KVSTORE, config, scratch.resolve("round-" + round)),
                round -> BenchTargets.open(TargetKind.ZOOKEEPER, config, scratch.resolve("round-" + round)));
        return new ComparisonBenchmark(runner, config::spec, config.clientsSweep(), config.burnIn(), config.rounds(), err)
                .run(targets, config.workload(), config.warmup(), config.duration());
    }

    private static Report single(BenchConfig config, Path scratch, LoadRunner runner) throws Exception {
        try (BenchTarget target = BenchTargets.open(config.target(), config, scratch)) {
            target.preload();
            runner.burnIn(target, config.burnIn(), config.workload(),
                    List.of(new LoadRunner.Load(config.clients(), config.readRatio())));
            RunResult result = runner.run(target, config.spec(config.clients(), config.readRatio()));
            return new Report(config.workload(), config.burnIn(), config.warmup(), config.duration(), 1, List.of(result), List.of());
        }
    }

    private void emit(BenchConfig config, Report report) throws Exception {
        String rendered = config.format().render(report);
        if (config.out() != null) {
            Files.writeString(config.out(), rendered, StandardCharsets.UTF_8);
            out.print(config.format() == OutputFormat.TABLE ? rendered : OutputFormat.TABLE.render(report));
            err.println("wrote " + config.format().name().toLowerCase(Locale.ROOT) + " results to " + config.out());
        } else {
            out.print(rendered);
        }
        out.flush();
        if (config.compare() && config.chartDir() != null) {
            for (Path chart : ComparisonCharts.write(report, config.chartDir())) err.println("wrote chart " + chart);
        }
    }
}
