package dev.kvstore.bench.result;

import static dev.kvstore.bench.result.ReportFixtures.run;
import static dev.kvstore.bench.result.ReportFixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatioRowTest {
    @Test
    void dividesTheFirstTargetByTheSecondAtTheSameClientsAndReadRatio() {
        List<RatioRow> rows = ReportFixtures.comparison().ratios();

        assertThat(rows).hasSize(2);
        RatioRow writes = rows.get(0);
        assertThat(writes.workload()).isEqualTo("writes");
        assertThat(writes.op()).isEqualTo(OpType.PUT);
        assertThat(writes.throughputRatio()).isCloseTo(1.25, within(1e-9));
        assertThat(writes.p99Ratio()).isCloseTo(0.5, within(1e-9));
        RatioRow reads = rows.get(1);
        assertThat(reads.workload()).isEqualTo("reads");
        assertThat(reads.throughputRatio()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void afterSeveralRoundsDividesTheMediansAndKeepsTheRangeOfSingleRoundsRatios() {
        RatioRow row = ReportFixtures.threeRounds().ratios().get(0);

        assertThat(row.numeratorOpsPerSec()).isEqualTo(1000);
        assertThat(row.denominatorOpsPerSec()).isEqualTo(800);
        assertThat(row.throughputRatio()).isCloseTo(1.25, within(1e-9));
        assertThat(row.p99Ratio()).isCloseTo(1500.0 / 3000.0, within(1e-9));
        assertThat(row.rounds()).isEqualTo(3);
        assertThat(row.lowestThroughputRatio()).isCloseTo(1.2, within(1e-9));
        assertThat(row.highestThroughputRatio()).isCloseTo(1.8, within(1e-9));
    }

    @Test
    void aSingleRoundsRangeIsItsOwnRatio() {
        RatioRow writes = ReportFixtures.comparison().ratios().get(0);

        assertThat(writes.rounds()).isEqualTo(1);
        assertThat(writes.lowestThroughputRatio()).isEqualTo(writes.throughputRatio());
        assertThat(writes.highestThroughputRatio()).isEqualTo(writes.throughputRatio());
    }

    @Test
    void skipsRunsWithoutACounterpart() {
        List<RunResult> runs = List.of(
                run("kvstore", 8, 0.0, stats(OpType.PUT, 1000, 1500)),
                run("zookeeper", 32, 0.0, stats(OpType.PUT, 800, 3000)),
                run("zookeeper", 8, 1.0, stats(OpType.GET, 800, 3000)));

        assertThat(RatioRow.compare(runs, "kvstore", "zookeeper")).isEmpty();
    }

    @Test
    void ratioIsNotANumberWhenTheDenominatorDidNothing() {
        List<RunResult> runs = List.of(
                run("kvstore", 8, 0.0, stats(OpType.PUT, 1000, 1500)),
                run("zookeeper", 8, 0.0, new OpStats(OpType.PUT, 0, 0, 50, 0, 0, 0, 0, 0)));

        RatioRow row = RatioRow.compare(runs, "kvstore", "zookeeper").get(0);

        assertThat(row.throughputRatio()).isNaN();
        assertThat(row.p99Ratio()).isNaN();
        assertThat(row.lowestThroughputRatio()).isNaN();
        assertThat(row.highestThroughputRatio()).isNaN();
    }
}
