package dev.kvstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.TlsContext;
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
 * The tool end to end, as CI runs it: two-second, two-client runs against a KVStore cluster it
 * starts itself, with plain RMI and with mutual TLS. Checks only that it works (JSON that
 * parses, operations counted), never how fast.
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
        assertThat(run.get("tls").asBoolean()).isFalse();
        assertThat(run.get("clients").asInt()).isEqualTo(2);
        assertThat(run.get("totalOps").asLong()).isPositive();
        assertThat(run.get("ops")).isNotEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kvstore").contains("ops/s");
    }

    @Test
    void shortRunWithTlsAgainstAKVStoreItStartsWithThrowawayCertificates() throws Exception {
        Path json = dir.resolve("results-tls.json");
        Path data = dir.resolve("data-tls");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BenchMain.run(new String[] {
                "--target", "kvstore", "--tls", "--clients", "2", "--burn-in", "0s", "--warmup", "0s", "--duration", "2s",
                "--keys", "20", "--format", "json", "--out", json.toString(), "--data-dir", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode run = new ObjectMapper().readTree(json.toFile()).at("/runs/0");
        assertThat(run.get("tls").asBoolean()).isTrue();
        assertThat(run.get("totalOps").asLong()).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("kvstore +on ");
        assertThat(data.resolve("certs/client.p12")).as("the throwaway certificates").exists();
        assertThat(TlsContext.installed()).as("this JVM is a plain client again").isEmpty();
    }
}
