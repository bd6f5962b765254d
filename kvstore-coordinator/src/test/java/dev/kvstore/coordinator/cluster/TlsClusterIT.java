package dev.kvstore.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.tls.ClusterCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster with mutual TLS on every connection (docs/security.md): the coordinator and its
 * replicas present node certificates from bin/kvstore-certs's code, this JVM a client
 * certificate. One cluster serves every test here; each leaves it converged.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TlsClusterIT {
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);

    static {
        // A client's write may wait out prepare, decide and commit in turn: wait longer than that.
        RmiSettings.install(RPC_TIMEOUT.multipliedBy(5), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keep the logs of a failed run
    static Path dir;

    private static LocalCluster cluster;

    @BeforeAll
    static void startClusterWithTls() throws Exception {
        ClusterCertificates.Issued certificates = ClusterCertificates.generate(dir.resolve("certs"), List.of(), 1);
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        cluster = LocalCluster.startWithTls(dataDir, 5, RPC_TIMEOUT, Duration.ofSeconds(90), certificates, ports -> List.of());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    void writeOnOneReplicaIsReadOnAllFive() throws Exception {
        List<Integer> ports = cluster.replicaPorts();

        cluster.replica(ports.get(0)).put("greeting", "hello over tls");

        for (int port : ports) assertThat(cluster.replica(port).get("greeting")).as("on %d", port).isEqualTo("hello over tls");
        cluster.awaitConverged(CONVERGE);
    }

    @Test
    void killedReplicaIsRestartedWithTlsAndServesTheWritesItMissed() throws Exception {
        List<Integer> ports = cluster.replicaPorts();
        int victim = ports.get(2);
        long pid = cluster.replicaPid(victim);

        cluster.signal(pid, "KILL");
        KVStore other = cluster.replica(ports.get(0));
        for (int i = 0; i < 20; i++) other.put("during-" + i, "v" + i);

        // The coordinator starts it again with the TLS flags it was given itself.
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> cluster.replicaStatus(victim).state() == ReplicaState.UP && cluster.replicaPid(victim) != pid);
        for (int i = 0; i < 20; i++) assertThat(cluster.replica(victim).get("during-" + i)).isEqualTo("v" + i);
        cluster.awaitConverged(CONVERGE);
    }

    @Test
    void aClientWithoutTlsReachesNoRegistryOfTheCluster() {
        List<Integer> ports = new ArrayList<>(cluster.replicaPorts());
        ports.add(cluster.coordinatorPort());

        for (int port : ports) {
            // The JDK's own plain sockets, no KVStore factory: what any RMI client would try.
            assertThatThrownBy(() -> LocateRegistry.getRegistry("127.0.0.1", port).lookup(Coordinator.NAME))
                    .as("plain lookup on %d", port)
                    .isInstanceOf(RemoteException.class);
        }
    }
}
