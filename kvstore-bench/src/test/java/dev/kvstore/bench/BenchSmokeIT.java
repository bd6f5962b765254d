package dev.kvstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool end to end, as CI runs it: a two-second, two-client run against a KVStore cluster it
 * starts itself. Checks only that it works (JSON that parses, operations counted), never how fast.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BenchSmokeIT {
    static {
        RmiSettings.install(Duration.ofSeconds(10), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keep the cluster's logs of a failed run
    Path dir;

    @Test
    void shortRunAgainstAKVStoreItStartsWritesJsonThatCountsOperations() throws Exception {
        Path json = dir.resolve("results.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BenchMain.run(new String[] {
                "--target", "kvstore", "--clients", "2", "--burn-in", "0s", "--warmup", "0s", "--duration", "2s", "--keys", "20",
                "--format", "json", "--out", json.toString(), "--data-dir", dir.resolve("data").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        assertThat(result.get("runs")).hasSize(1);
        JsonNode run = result.at("/runs/0");
        assertThat(run.get("target").asText()).isEqualTo("kvstore");
        assertThat(run.get("clients").asInt()).isEqualTo(2);
        assertThat(run.get("totalOps").asLong()).isPositive();
        assertThat(run.get("ops")).isNotEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kvstore").contains("ops/s");
    }
}
