package dev.kvstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code kvstore-bench restart} end to end on a small store: seeds 2,000 keys, starts the cluster,
 * kills and times one replica's restart. Checks only that it works and prints the table, never how fast.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RestartSmokeIT {
    static {
        RmiSettings.install(Duration.ofSeconds(10), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keep the cluster's logs of a failed run
    Path dir;

    @Test
    void restartsOneReplicaUnderASmallSeededStoreAndPrintsItsTimes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BenchMain.run(new String[] {
                "restart", "--keys", "2000", "--value-size", "100", "--rounds", "1", "--replica-heap", "256m",
                "--coordinator-heap", "256m", "--restart-within", "90s", "--start-within", "120s",
                "--data-dir", dir.resolve("data").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("2,000 keys of 100 bytes").contains("process->UP").contains("median");
        assertThat(table.lines().filter(l -> l.startsWith("1 "))).hasSize(1);
    }
}
