package dev.kvstore.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kvstore.bench.load.BenchTarget;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ComparisonBenchmarkTest {
    private static final Workload WORKLOAD = new Workload(10, 10, KeyDistribution.UNIFORM, 0.99, 1);

    private final List<String> events = new CopyOnWriteArrayList<>();

    private static ComparisonBenchmark comparison(int rounds) {
        return new ComparisonBenchmark(
                new LoadRunner(new PrintStream(new ByteArrayOutputStream())),
                (clients, ratio) -> new RunSpec(clients, Duration.ZERO, Duration.ofMillis(100), ratio, WORKLOAD, false),
                List.of(1, 2), Duration.ofMillis(40), rounds, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void startsEachTargetOnceBurnsItInWithEveryLoadAndRunsWritesAndReadsAtEveryClientCount() throws Exception {
        InMemoryTarget first = new InMemoryTarget("kvstore");
        InMemoryTarget second = new InMemoryTarget("zookeeper");
        AtomicInteger starts = new AtomicInteger();

        Report report = comparison(1).run(List.of(round -> {
            starts.incrementAndGet();
            return first;
        }, round -> {
            starts.incrementAndGet();
            return second;
        }), WORKLOAD, Duration.ZERO, Duration.ofMillis(100));

        assertThat(starts.get()).isEqualTo(2);
        assertThat(first.preloads.get()).isEqualTo(1);
        // The burn-in runs 1, 1, 2 and 2 clients, as the measured runs do after it.
        assertThat(first.opened).hasSize(2 * (1 + 1 + 2 + 2));
        assertThat(second.opened).hasSize(2 * (1 + 1 + 2 + 2));
        assertThat(first.closed).isTrue();
        assertThat(second.closed).isTrue();
        assertThat(report.rounds()).isEqualTo(1);
        assertThat(report.ratios()).extracting(RatioRow::workload, RatioRow::clients).containsExactly(
                tuple("writes", 1), tuple("reads", 1),
                tuple("writes", 2), tuple("reads", 2));
    }

    @Test
    void runsOneTargetAtATimeAndStartsBothAfreshEveryRoundTheOtherFirst() throws Exception {
        Report report = comparison(2).run(List.of(round -> recorded("kvstore", round), round -> recorded("zookeeper", round)),
                WORKLOAD, Duration.ZERO, Duration.ofMillis(100));

        assertThat(report.runs()).extracting(RunResult::round, RunResult::target, RunResult::clients, RunResult::readRatio)
                .containsExactly(
                        tuple(1, "kvstore", 1, 0.0), tuple(1, "kvstore", 1, 1.0),
                        tuple(1, "kvstore", 2, 0.0), tuple(1, "kvstore", 2, 1.0),
                        tuple(1, "zookeeper", 1, 0.0), tuple(1, "zookeeper", 1, 1.0),
                        tuple(1, "zookeeper", 2, 0.0), tuple(1, "zookeeper", 2, 1.0),
                        tuple(2, "zookeeper", 1, 0.0), tuple(2, "zookeeper", 1, 1.0),
                        tuple(2, "zookeeper", 2, 0.0), tuple(2, "zookeeper", 2, 1.0),
                        tuple(2, "kvstore", 1, 0.0), tuple(2, "kvstore", 1, 1.0),
                        tuple(2, "kvstore", 2, 0.0), tuple(2, "kvstore", 2, 1.0));
        // Never both up: each start follows the close of the target before it.
        assertThat(events.stream().filter(e -> !e.startsWith("run "))).containsExactly(
                "start kvstore for round 1", "close kvstore", "start zookeeper for round 1", "close zookeeper",
                "start zookeeper for round 2", "close zookeeper", "start kvstore for round 2", "close kvstore");
        // Every start is burnt in with the four loads before its four measured runs.
        assertThat(events.stream().filter(e -> e.equals("run kvstore"))).hasSize(2 * (4 + 4));
        assertThat(report.rounds()).isEqualTo(2);
        assertThat(report.ratios()).hasSize(4).allSatisfy(r -> assertThat(r.rounds()).isEqualTo(2));
    }

    /** An in-memory target that logs its start here, then each burn-in or measured run and its close. */
    private BenchTarget recorded(String name, int round) {
        events.add("start " + name + " for round " + round);
        return new InMemoryTarget(name, events);
    }
}
