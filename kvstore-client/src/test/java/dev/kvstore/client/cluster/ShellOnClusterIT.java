package dev.kvstore.client.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kvstore.client.KVStoreClient;
import dev.kvstore.client.shell.ShellMain;
import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The real shell over a pipe, against a real five-replica cluster. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShellOnClusterIT {
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);

    static {
        RmiSettings.install(RPC_TIMEOUT.multipliedBy(5), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    private LocalCluster cluster;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PipedOutputStream stdin;
    private CompletableFuture<Integer> shell;

    @BeforeEach
    void startClusterAndShell() throws IOException {
        cluster = LocalCluster.start(dataDir, 5, RPC_TIMEOUT, Duration.ofSeconds(60));
        stdin = new PipedOutputStream();
        PipedInputStream shellIn = new PipedInputStream(stdin, 64 * 1024);
        int port = cluster.replicaPorts().get(0);
        shell = CompletableFuture.supplyAsync(() -> new ShellMain(shellIn, out, err, false, KVStoreClient::create)
                .run("--host", "127.0.0.1", "--port", Integer.toString(port)));
    }

    @AfterEach
    void stop() throws IOException {
        stdin.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void commandsQuotingUnicodeAndBadInputGiveOneLineEach() throws Exception {
        type("put greeting \"hello world\"");
        type("get greeting");
        type("put 鍵 \"värde ✓\"");
        type("get 鍵");
        type("delete greeting");
        type("get greeting");
        type("gett greeting");
        type("put onlykey");
        type("status");
        type("quit");

        assertThat(shell.get(60, TimeUnit.SECONDS)).isZero();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("OK\nhello world\nOK\nvärde ✓\nOK\n(not found)\n");
        assertThat(output + err.toString(StandardCharsets.UTF_8))
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(output).contains("UP");
        for (int port : cluster.replicaPorts()) assertThat(output).contains("127.0.0.1:" + port);
        // what the shell wrote is on every replica
        for (int port : cluster.replicaPorts()) assertThat(cluster.replica(port).get("鍵")).isEqualTo("värde ✓");
    }

    @Test
    void replicaKilledMidSessionIsReportedAndTheShellKeepsRunning() throws Exception {
        int port = cluster.replicaPorts().get(0);
        type("put before kill");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString(StandardCharsets.UTF_8).contains("OK"));

        cluster.signal(cluster.replicaPid(port), "KILL");
        type("get before");
        await().atMost(Duration.ofSeconds(20)).until(() -> out.toString(StandardCharsets.UTF_8).contains("UNAVAILABLE"));

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> cluster.replicaStatus(port).state() == dev.kvstore.api.ReplicaState.UP);
        // Right after its restart the replica may answer unavailable for a moment (no read lease
        // yet): the shell reports it and goes on, and a later get answers the value.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            type("get before");
            return out.toString(StandardCharsets.UTF_8).endsWith("kill\n");
        });
        type("quit");

        assertThat(shell.get(60, TimeUnit.SECONDS)).isEqualTo(0);
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("UNAVAILABLE").endsWith("kill\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
    }

    private void type(String line) throws IOException {
        OutputStream in = stdin;
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }
}
