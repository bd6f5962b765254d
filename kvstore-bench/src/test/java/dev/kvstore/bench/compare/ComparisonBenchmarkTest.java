package dev.kvstore.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kvstore.bench.load.InMemoryTarget;
import dev.kvstore.bench.load.LoadRunner;
import dev.kvstore.bench.load.RunSpec;
import dev.kvstore.bench.result.RatioRow;
import dev.kvstore.bench.result.Report;
import dev.kvstore.bench.result.RunResult;
import dev.kvstore.bench.workload.KeyDistribution;
import dev.kvstore.bench.workload.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ComparisonBenchmarkTest {
    private static final Workload WORKLOAD = new Workload(10, 10, KeyDistribution.UNIFORM, 0.99, 1);

    @Test
    void startsEachTargetOnceBurnsItInWithEveryLoadAndRunsWritesAndReadsAtEveryClientCount() throws Exception {
        InMemoryTarget first = new InMemoryTarget("kvstore");
        InMemoryTarget second = new InMemoryTarget("zookeeper");
        AtomicInteger starts = new AtomicInteger();
        ComparisonBenchmark comparison = new ComparisonBenchmark(
                new LoadRunner(new PrintStream(new ByteArrayOutputStream())),
                (clients, ratio) -> new RunSpec(clients, Duration.ZERO, Duration.ofMillis(200), ratio, WORKLOAD, false),
                List.of(1, 2), Duration.ofMillis(50), new PrintStream(new ByteArrayOutputStream()));

        Report report = comparison.run(List.of(() -> {
            starts.incrementAndGet();
            return first;
        }, () -> {
            starts.incrementAndGet();
            return second;
        }), WORKLOAD, Duration.ZERO, Duration.ofMillis(200));

        assertThat(starts.get()).isEqualTo(2);
        assertThat(first.preloads.get()).isEqualTo(1);
        // The burn-in runs 1, 1, 2 and 2 clients, as the measured runs do after it.
        assertThat(first.opened).hasSize(2 * (1 + 1 + 2 + 2));
        assertThat(second.opened).hasSize(2 * (1 + 1 + 2 + 2));
        assertThat(first.closed).isTrue();
        assertThat(second.closed).isTrue();
        assertThat(report.runs()).extracting(RunResult::target, RunResult::clients, RunResult::readRatio).containsExactly(
                tuple("kvstore", 1, 0.0), tuple("kvstore", 1, 1.0),
                tuple("kvstore", 2, 0.0), tuple("kvstore", 2, 1.0),
                tuple("zookeeper", 1, 0.0), tuple("zookeeper", 1, 1.0),
                tuple("zookeeper", 2, 0.0), tuple("zookeeper", 2, 1.0));
        assertThat(report.ratios()).extracting(RatioRow::workload, RatioRow::clients).containsExactly(
                tuple("writes", 1), tuple("reads", 1),
                tuple("writes", 2), tuple("reads", 2));
    }
}
