package dev.kvstore.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.bench.result.OpStats;
import dev.kvstore.bench.result.OpType;
import dev.kvstore.bench.result.RunResult;
import dev.kvstore.bench.workload.KeyDistribution;
import dev.kvstore.bench.workload.Workload;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The closed loop against an in-memory target; only counts and shapes are checked, never speed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadRunnerTest {
    private static final Workload WORKLOAD = new Workload(100, 10, KeyDistribution.ZIPFIAN, 0.99, 3);
    private final LoadRunner runner = new LoadRunner(new PrintStream(new ByteArrayOutputStream()));

    private static RunSpec spec(int clients, double readRatio) {
        return new RunSpec(clients, Duration.ofMillis(50), Duration.ofMillis(200), readRatio, WORKLOAD, true);
    }

    @Test
    void opensOneClientPerWorkerAndClosesThemAll() throws Exception {
        InMemoryTarget target = new InMemoryTarget("fake");

        runner.run(target, spec(4, 0.5));

        assertThat(target.opened).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(target.closedClients.get()).isEqualTo(4);
    }

    @Test
    void recordsEachOperationTypeWithItsAbortsAndErrorsApart() throws Exception {
        RunResult result = runner.run(new InMemoryTarget("fake"), spec(2, 0.5));

        assertThat(result.target()).isEqualTo("fake");
        assertThat(result.clients()).isEqualTo(2);
        OpStats gets = result.op(OpType.GET).orElseThrow();
        OpStats puts = result.op(OpType.PUT).orElseThrow();
        assertThat(gets.ops()).isPositive();
        assertThat(gets.aborts()).isZero();
        assertThat(gets.errors()).isZero();
        assertThat(puts.ops()).isPositive();
        assertThat(puts.aborts()).isPositive();
        assertThat(puts.errors()).isPositive();
        assertThat(puts.p50Micros()).isLessThanOrEqualTo(puts.p99Micros());
        assertThat(puts.p99Micros()).isLessThanOrEqualTo(puts.maxMicros());
    }

    @Test
    void readRatioOneOnlyReadsAndZeroOnlyWrites() throws Exception {
        RunResult reads = runner.run(new InMemoryTarget("fake"), spec(1, 1.0));
        RunResult writes = runner.run(new InMemoryTarget("fake"), spec(1, 0.0));

        assertThat(reads.ops()).extracting(OpStats::op).containsExactly(OpType.GET);
        assertThat(writes.ops()).extracting(OpStats::op).containsExactly(OpType.PUT);
        assertThat(reads.totalOps()).isEqualTo(reads.op(OpType.GET).orElseThrow().ops());
    }

    @Test
    void burnInRunsEachLoadInTurnWithItsOwnClientsAndReadRatio() throws Exception {
        InMemoryTarget writesThenReads = new InMemoryTarget("fake");

        runner.burnIn(writesThenReads, Duration.ofMillis(200), WORKLOAD,
                List.of(new LoadRunner.Load(3, 0.0), new LoadRunner.Load(2, 1.0)));

        assertThat(writesThenReads.opened).hasSize(5);
        assertThat(writesThenReads.opened.subList(0, 3)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(writesThenReads.opened.subList(3, 5)).containsExactlyInAnyOrder(0, 1);
        assertThat(writesThenReads.closedClients.get()).isEqualTo(5);
        assertThat(writesThenReads.writeCalls.sum()).isPositive();
        assertThat(writesThenReads.readCalls.sum()).isPositive();
    }

    @Test
    void aBurnInOfWritesOnlyNeverReadsAndAZeroBurnInDoesNothing() throws Exception {
        InMemoryTarget writesOnly = new InMemoryTarget("fake");
        InMemoryTarget skipped = new InMemoryTarget("fake");

        runner.burnIn(writesOnly, Duration.ofMillis(100), WORKLOAD, List.of(new LoadRunner.Load(4, 0.0)));
        runner.burnIn(skipped, Duration.ZERO, WORKLOAD, List.of(new LoadRunner.Load(4, 0.0)));

        assertThat(writesOnly.opened).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(writesOnly.writeCalls.sum()).isPositive();
        assertThat(writesOnly.readCalls.sum()).isZero();
        assertThat(skipped.opened).isEmpty();
    }
}
