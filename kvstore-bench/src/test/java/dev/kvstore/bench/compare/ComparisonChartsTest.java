package dev.kvstore.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.bench.result.OpStats;
import dev.kvstore.bench.result.OpType;
import dev.kvstore.bench.result.Report;
import dev.kvstore.bench.result.RunResult;
import dev.kvstore.bench.workload.KeyDistribution;
import dev.kvstore.bench.workload.Workload;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonChartsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static Report sweep() {
        List<RunResult> runs = new ArrayList<>();
        for (String target : List.of("kvstore", "zookeeper")) {
            for (int clients : List.of(1, 8, 32)) {
                runs.add(new RunResult(target, false, clients, 0.0, 1, List.of(new OpStats(OpType.PUT, 10, 0, 0, 100.0 * clients, 50, 900, 950, 990)), 1));
                runs.add(new RunResult(target, false, clients, 1.0, 1, List.of(new OpStats(OpType.GET, 10, 0, 0, 900.0 * clients, 50, 200, 250, 290)), 1));
            }
        }
        return new Report(new Workload(10, 10, KeyDistribution.UNIFORM, 0.99, 1), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), 1, runs, List.of());
    }

    @Test
    void drawsOneLinePerTargetAndWorkloadOverTheClientCounts() {
        XYSeriesCollection data = ComparisonCharts.series(sweep(), OpStats::opsPerSec);

        assertThat(data.getSeriesCount()).isEqualTo(4);
        assertThat(data.getSeries(0).getKey().toString()).isEqualTo("kvstore writes (PUT)");
        assertThat(data.getSeries(0).getItemCount()).isEqualTo(3);
        assertThat(data.getSeries(0).getX(2)).isEqualTo(32.0);
    }

    @Test
    void writesThroughputAndP99ChartsAsPng() throws Exception {
        List<Path> files = ComparisonCharts.write(sweep(), dir.resolve("charts"));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly(ComparisonCharts.THROUGHPUT_FILE, ComparisonCharts.P99_FILE);
        for (Path file : files) {
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(560);
        }
    }
}
