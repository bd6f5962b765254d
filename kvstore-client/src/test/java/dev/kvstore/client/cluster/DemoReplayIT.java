package dev.kvstore.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.client.KVStoreClient;
import dev.kvstore.client.shell.ShellMain;
import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped demo, demo/demo.kvs, replayed against a real cluster with the coordinator's fault
 * schedule at a few seconds instead of 45 s: the same steps and the same expectations.
 */
class DemoReplayIT {
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);
    private static final Path DEMO_SCRIPT = Path.of("..", "demo", "demo.kvs");

    static {
        RmiSettings.install(RPC_TIMEOUT.multipliedBy(5), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void demoScriptPassesWhileAReplicaGoesDownAndComesBack() {
        try (LocalCluster cluster = LocalCluster.start(dataDir, 5, RPC_TIMEOUT, Duration.ofSeconds(60),
                ports -> List.of("--fault", ports.get(2) + ":6s:4s"))) {
            List<String> args = new ArrayList<>(List.of("--script", DEMO_SCRIPT.toString(),
                    "--var", "FAULT_AT=6s", "--var", "DOWNTIME=4s", "--var", "WAIT=20s"));
            List<Integer> ports = cluster.replicaPorts();
            for (int i = 0; i < ports.size(); i++) {
                args.add("--var");
                args.add("R" + (i + 1) + "=127.0.0.1:" + ports.get(i));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int status = new ShellMain(new ByteArrayInputStream(new byte[0]), out, err, false, KVStoreClient::create)
                    .run(args.toArray(String[]::new));

            String transcript = out.toString(StandardCharsets.UTF_8);
            assertThat(status).as(transcript + err.toString(StandardCharsets.UTF_8) + cluster.describe()).isZero();
            assertThat(transcript).contains("PASSED: all 30 expectations held");
            cluster.awaitConverged(Duration.ofSeconds(30));
        }
    }
}
