package dev.kvstore.bench.result;

import static dev.kvstore.bench.result.ReportFixtures.run;
import static dev.kvstore.bench.result.ReportFixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    private final Report report = ReportFixtures.comparison();

    @Test
    void tableHasAHeaderALinePerOperationAndTheRatios() {
        String table = OutputFormat.TABLE.render(report);

        assertThat(table).contains("target", "clients", "ops/s", "p50 us", "p99 us", "p99.9 us", "max us", "aborts", "errors");
        assertThat(table.lines().filter(l -> l.matches("(kvstore|zookeeper) +off +\\d.*"))).hasSize(4);
        assertThat(table).contains("kvstore / zookeeper").contains("1.25x").contains("3.00x").contains("0.50x");
        assertThat(table).contains("keys 1000, value 100 B, uniform");
    }

    @Test
    void jsonParsesAndCarriesSettingsRunsAndRatios() throws Exception {
        JsonNode json = new ObjectMapper().readTree(OutputFormat.JSON.render(report));

        assertThat(json.at("/settings/keys").asInt()).isEqualTo(1000);
        assertThat(json.at("/settings/durationSeconds").asDouble()).isEqualTo(10.0);
        assertThat(json.at("/settings/burnInSeconds").asDouble()).isEqualTo(20.0);
        assertThat(json.get("runs")).hasSize(4);
        JsonNode first = json.at("/runs/0");
        assertThat(first.get("target").asText()).isEqualTo("kvstore");
        assertThat(first.get("tls").asBoolean()).isFalse();
        assertThat(first.at("/ops/0/op").asText()).isEqualTo("PUT");
        assertThat(first.at("/ops/0/opsPerSec").asDouble()).isEqualTo(1000.0);
        assertThat(first.at("/ops/0/p99Micros").asDouble()).isEqualTo(1500.0);
        assertThat(first.get("totalOps").asLong()).isEqualTo(10_000);
        assertThat(json.at("/ratios/1/throughputRatio").asDouble()).isEqualTo(3.0);
    }

    @Test
    void jsonWritesAMissingRatioAsNull() throws Exception {
        List<RunResult> runs = List.of(
                run("kvstore", 8, 0.0, stats(OpType.PUT, 1000, 1500)),
                run("zookeeper", 8, 0.0, new OpStats(OpType.PUT, 0, 0, 5, 0, 0, 0, 0, 0)));
        Report broken = new Report(ReportFixtures.WORKLOAD, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), 1, runs,
                RatioRow.compare(runs, "kvstore", "zookeeper"));

        JsonNode json = new ObjectMapper().readTree(OutputFormat.JSON.render(broken));

        assertThat(json.at("/ratios/0/throughputRatio").isNull()).isTrue();
        assertThat(OutputFormat.TABLE.render(broken)).contains("n/a");
    }

    @Test
    void csvHasAHeaderAndALinePerOperationPerRun() {
        List<String> lines = OutputFormat.CSV.render(report).lines().toList();

        assertThat(lines.get(0)).isEqualTo(CsvFormat.HEADER);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).isEqualTo("kvstore,1,0.00,PUT,10000,1,2,10.000,1000.0,375.0,1500.0,3000.0,4500.0,false,1");
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(15));
    }

    @Test
    void afterSeveralRoundsTheTableShowsEveryRunTheMediansAndTheRangeOfRoundRatios() {
        String table = OutputFormat.TABLE.render(ReportFixtures.threeRounds());

        assertThat(table).contains("measured 10s, 3 rounds").contains("medians of 3 rounds");
        assertThat(table.lines().filter(l -> l.matches(" +[123] +(kvstore|zookeeper) +off +1 .*"))).hasSize(6);
        assertThat(table.lines().filter(l -> l.matches("kvstore +off +1 +0\\.00 +PUT +1000 .*"))).hasSize(1);
        assertThat(table).contains("kvstore / zookeeper (medians)").contains("1.25x").contains("1.20x-1.80x");
    }

    @Test
    void jsonAndCsvCarryTheRoundOfEveryRun() throws Exception {
        Report report = ReportFixtures.threeRounds();
        JsonNode json = new ObjectMapper().readTree(OutputFormat.JSON.render(report));

        assertThat(json.at("/settings/rounds").asInt()).isEqualTo(3);
        assertThat(json.get("runs")).extracting(r -> r.get("round").asInt()).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(json.at("/ratios/0/rounds").asInt()).isEqualTo(3);
        assertThat(json.at("/ratios/0/lowestThroughputRatio").asDouble()).isEqualTo(1.2);
        assertThat(json.at("/ratios/0/highestThroughputRatio").asDouble()).isEqualTo(1.8);
        assertThat(OutputFormat.CSV.render(report).lines().skip(1)).extracting(l -> l.substring(l.lastIndexOf(',') + 1))
                .containsExactly("1", "1", "2", "2", "3", "3");
    }
}
