package dev.kvstore.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.client.KVStoreClient;
import dev.kvstore.client.shell.ShellMain;
import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.tls.ClusterCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * {@link DemoReplayIT} with mutual TLS on: the cluster started with node certificates, the
 * client with {@code --tls --keystore --truststore --store-password-file}, as docs/security.md
 * tells an operator to run them. The same script and the same expectations.
 */
class TlsDemoReplayIT {
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);
    private static final Path DEMO_SCRIPT = Path.of("..", "demo", "demo.kvs");
    /**
     * Later than DemoReplayIT's 6 s: a fresh JVM's first TLS handshakes take seconds on a busy
     * machine, and the script's first writes must land before the fault.
     */
    private static final String FAULT_AT = "10s";

    static {
        RmiSettings.install(RPC_TIMEOUT.multipliedBy(5), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void demoScriptPassesOverTlsWhileAReplicaGoesDownAndComesBack() throws Exception {
        ClusterCertificates.Issued certificates = ClusterCertificates.generate(dir.resolve("certs"), List.of(), 1);
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        try (LocalCluster cluster = LocalCluster.startWithTls(dataDir, 5, RPC_TIMEOUT, Duration.ofSeconds(90), certificates,
                ports -> List.of("--fault", ports.get(2) + ":" + FAULT_AT + ":4s"))) {
            List<String> args = new ArrayList<>(List.of("--tls",
                    "--keystore", certificates.clientKeystore().toString(),
                    "--truststore", certificates.truststore().toString(),
                    "--store-password-file", certificates.passwordFile().toString(),
                    "--script", DEMO_SCRIPT.toString(),
                    "--var", "FAULT_AT=" + FAULT_AT, "--var", "DOWNTIME=4s", "--var", "WAIT=20s"));
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
