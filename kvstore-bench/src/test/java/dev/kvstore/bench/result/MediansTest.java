package dev.kvstore.bench.result;

import static dev.kvstore.bench.result.ReportFixtures.run;
import static dev.kvstore.bench.result.ReportFixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {
    @Test
    void takesEachFigureMedianOverTheRoundsOfAPoint() {
        List<RunResult> points = Medians.of(ReportFixtures.threeRounds().runs());

        assertThat(points).extracting(RunResult::target, RunResult::round)
                .containsExactly(tuple("kvstore", RunResult.MEDIAN), tuple("zookeeper", RunResult.MEDIAN));
        OpStats kvstore = points.get(0).op(OpType.PUT).orElseThrow();
        assertThat(kvstore.opsPerSec()).isEqualTo(1000);
        // Each figure on its own: the median p99 (1500) comes from the same round here, the median p50 too.
        assertThat(kvstore.p99Micros()).isEqualTo(1500);
        assertThat(kvstore.p50Micros()).isEqualTo(375);
        assertThat(kvstore.ops()).isEqualTo(10_000);
        OpStats zookeeper = points.get(1).op(OpType.PUT).orElseThrow();
        assertThat(zookeeper.opsPerSec()).isEqualTo(800);
        assertThat(zookeeper.p99Micros()).isEqualTo(3000);
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        List<RunResult> runs = List.of(
                run("kvstore", 8, 0.0, stats(OpType.PUT, 1000, 1500)).inRound(1),
                run("kvstore", 8, 0.0, stats(OpType.PUT, 3000, 500)).inRound(2));

        OpStats put = Medians.of(runs).get(0).op(OpType.PUT).orElseThrow();

        assertThat(put.opsPerSec()).isEqualTo(2000);
        assertThat(put.p99Micros()).isEqualTo(1000);
    }

    @Test
    void keepsPointsApartByClientsReadRatioAndTarget() {
        List<RunResult> runs = List.of(
                run("kvstore", 1, 0.0, stats(OpType.PUT, 1000, 1500)).inRound(1),
                run("kvstore", 1, 1.0, stats(OpType.GET, 9000, 200)).inRound(1),
                run("kvstore", 8, 0.0, stats(OpType.PUT, 2000, 2500)).inRound(1),
                run("zookeeper", 1, 0.0, stats(OpType.PUT, 800, 3000)).inRound(1),
                run("kvstore", 1, 0.0, stats(OpType.PUT, 1100, 1400)).inRound(2));

        List<RunResult> points = Medians.of(runs);

        assertThat(points).extracting(RunResult::target, RunResult::clients, RunResult::readRatio).containsExactly(
                tuple("kvstore", 1, 0.0), tuple("kvstore", 1, 1.0), tuple("kvstore", 8, 0.0), tuple("zookeeper", 1, 0.0));
        assertThat(points.get(0).op(OpType.PUT).orElseThrow().opsPerSec()).isEqualTo(1050);
        assertThat(points.get(1).op(OpType.GET).orElseThrow().opsPerSec()).isEqualTo(9000);
    }

    @Test
    void anOperationTypeIsTheMedianOfTheRoundsThatRanIt() {
        List<RunResult> runs = List.of(
                run("kvstore", 1, 0.5, stats(OpType.PUT, 1000, 1500), stats(OpType.GET, 900, 100)).inRound(1),
                run("kvstore", 1, 0.5, stats(OpType.PUT, 1200, 1500)).inRound(2));

        RunResult point = Medians.of(runs).get(0);

        assertThat(point.op(OpType.PUT).orElseThrow().opsPerSec()).isEqualTo(1100);
        assertThat(point.op(OpType.GET).orElseThrow().opsPerSec()).isEqualTo(900);
    }
}
