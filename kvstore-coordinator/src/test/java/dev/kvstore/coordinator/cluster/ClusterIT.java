package dev.kvstore.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster end to end: real coordinator and replica JVMs on loopback, faults by signal.
 * After every test all replicas and the coordinator hold identical stores.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterIT {
    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);

    static {
        // A client's write may wait out prepare, decide and commit in turn: wait longer than that.
        RmiSettings.install(RPC_TIMEOUT.multipliedBy(5), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // keep the logs of a failed run
    Path dataDir;

    private LocalCluster cluster;

    /**
     * Reads {@code key} on {@code port}, trying again while the replica answers unavailable: right
     * after a fault a replica may be UP but still waiting for its next read lease, which is a
     * moment of unavailability, not a wrong answer. Wrong answers are never retried away: only
     * UnavailableException is.
     */
    private String readAfterFault(int port, String key) {
        return firstAnswer(UnavailableException.class, Duration.ofSeconds(20), () -> cluster.replica(port).get(key));
    }

    private boolean deleteRetryingAborts(int port, String key) {
        return firstAnswer(TransactionAbortedException.class, Duration.ofSeconds(10), () -> cluster.replica(port).delete(key));
    }

    /** The first answer of {@code call} that is not a {@code retried} exception, within {@code within}. */
    private static <T> T firstAnswer(Class<? extends KVException> retried, Duration within, Callable<T> call) {
        List<T> answer = new ArrayList<>(1);
        await().atMost(within).ignoreException(retried).until(() -> answer.add(call.call()));
        return answer.get(0);
    }

    private LocalCluster startCluster() {
        return LocalCluster.start(dataDir, 5, RPC_TIMEOUT, Duration.ofSeconds(60));
    }

    @AfterEach
    void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    void writeOnOneReplicaIsReadOnAllFive() throws Exception {
        cluster = startCluster();
        List<Integer> ports = cluster.replicaPorts();

        cluster.replica(ports.get(0)).put("greeting", "hello wörld ✓");

        for (int port : ports) assertThat(cluster.replica(port).get("greeting")).isEqualTo("hello wörld ✓");
        // Through another replica than the write before, a write may find the key still locked
        // by that write on its way to this replica (commits travel lazily): a retryable abort.
        assertThat(deleteRetryingAborts(ports.get(2), "greeting")).isTrue();
        assertThat(deleteRetryingAborts(ports.get(3), "greeting")).isFalse();
        for (int port : ports) assertThat(cluster.replica(port).get("greeting")).isNull();
        cluster.awaitConverged(CONVERGE);
    }

    @Test
    void replicaStartedByHandJoinsServesTheStoreAndTakesPartInWrites() throws Exception {
        cluster = startCluster();
        KVStore first = cluster.replica(cluster.replicaPorts().get(0));
        for (int i = 0; i < 30; i++) first.put("before-" + i, "v" + i);

        int extra = cluster.startReplicaByHand();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> cluster.replicaStatus(extra).state() == ReplicaState.UP);
        KVStore byHand = cluster.replica(extra);
        for (int i = 0; i < 30; i++) assertThat(readAfterFault(extra, "before-" + i)).isEqualTo("v" + i);

        byHand.put("from-the-new-one", "hello");
        first.put("to-the-new-one", "hi");
        assertThat(first.get("from-the-new-one")).isEqualTo("hello");
        assertThat(byHand.get("to-the-new-one")).isEqualTo("hi");
        assertThat(cluster.replicaStatus(extra).digest()).isEqualTo(cluster.coordinatorStatus().digest());
        cluster.awaitConverged(CONVERGE);
    }

    @Test
    void badInputGetsTypedErrorAndChangesNothing() throws Exception {
        cluster = startCluster();
        KVStore kv = cluster.replica(cluster.replicaPorts().get(1));
        long seqBefore = cluster.coordinatorStatus().lastSeq();

        assertThatThrownBy(() -> kv.put("", "v")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> kv.put(null, "v")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> kv.put("k", null)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("value is null");
        assertThatThrownBy(() -> kv.put("x".repeat(1025), "v")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("1025");
        assertThatThrownBy(() -> kv.get("")).isInstanceOf(InvalidRequestException.class);

        assertThat(cluster.coordinatorStatus().lastSeq()).isEqualTo(seqBefore);
        cluster.awaitConverged(CONVERGE);
    }

    @Test
    void concurrentConflictingWritesLeaveAllReplicasEqual() throws Exception {
        cluster = startCluster();
        List<Integer> ports = cluster.replicaPorts();
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger aborted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    Random random = new Random(client);
                    KVStore kv = cluster.replica(ports.get(client % ports.size()));
                    for (int i = 0; i < 40; i++) {
                        String key = "k" + random.nextInt(3);
                        try {
                            if (random.nextInt(5) == 0) {
                                kv.delete(key);
                            } else {
                                kv.put(key, "c" + client + "-" + i);
                            }
                            committed.incrementAndGet();
                        } catch (TransactionAbortedException e) {
                            aborted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }

        assertThat(committed.get()).isPositive();
        assertThat(committed.get() + aborted.get()).isEqualTo(8 * 40);
        cluster.awaitConverged(CONVERGE);
        for (String key : List.of("k0", "k1", "k2")) {
            String expected = readAfterFault(ports.get(0), key);
            for (int port : ports) assertThat(readAfterFault(port, key)).as("%s on %d", key, port).isEqualTo(expected);
        }
    }

    @Test
    void killedReplicaMissesWritesThenIsRestartedAndServesThem() throws Exception {
        cluster = startCluster();
        List<Integer> ports = cluster.replicaPorts();
        int victim = ports.get(2);
        long pid = cluster.replicaPid(victim);

        cluster.signal(pid, "KILL");
        KVStore other = cluster.replica(ports.get(0));
        for (int i = 0; i < 20; i++) other.put("during-" + i, "v" + i);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> cluster.replicaStatus(victim).state() == ReplicaState.UP && cluster.replicaPid(victim) != pid);
        for (int i = 0; i < 20; i++) assertThat(readAfterFault(victim, "during-" + i)).isEqualTo("v" + i);
        cluster.awaitConverged(CONVERGE);
    }

    @Test
    void pausedReplicaDoesNotStallWritesAndCatchesUpAfterResume() throws Exception {
        cluster = startCluster();
        List<Integer> ports = cluster.replicaPorts();
        int paused = ports.get(4);
        long pid = cluster.replicaPid(paused);
        KVStore other = cluster.replica(ports.get(1));

        cluster.signal(pid, "STOP");
        try {
            // The first write waits out the prepare timeout and names the paused replica a
            // suspect; none may take much longer than that.
            Duration bound = RPC_TIMEOUT.multipliedBy(3);
            for (int i = 0; i < 10; i++) {
                int n = i;
                assertTimeoutPreemptively(bound, () -> other.put("paused-" + n, "v" + n), "write " + n + " stalled");
            }
        } finally {
            cluster.signal(pid, "CONT");
        }

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> "v9".equals(cluster.replica(paused).get("paused-9")));
        cluster.awaitConverged(CONVERGE);
    }

    @Test
    void coordinatorKilledAndRestartedLosesNoAcknowledgedWrite() throws Exception {
        cluster = startCluster();
        List<Integer> ports = cluster.replicaPorts();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        ExecutorService writers = Executors.newFixedThreadPool(3);
        AtomicInteger unknownOrRefused = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    KVStore kv = cluster.replica(ports.get(writer));
                    for (int i = 0; i < 150; i++) {
                        String key = "w" + writer + "-" + i;
                        try {
                            kv.put(key, "v" + i);
                            acknowledged.put(key, "v" + i);
                        } catch (UnavailableException | TransactionAbortedException e) {
                            unknownOrRefused.incrementAndGet();
                        } catch (KVException | java.rmi.RemoteException e) {
                            unknownOrRefused.incrementAndGet();
                        }
                        if (i == 40 && writer == 0) {
                            try {
                                cluster.killCoordinator();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        if (i == 80 && writer == 0) cluster.restartCoordinator();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(150, TimeUnit.SECONDS);
        } finally {
            writers.shutdownNow();
        }

        cluster.awaitConverged(CONVERGE);
        assertThat(acknowledged).isNotEmpty();
        for (var e : acknowledged.entrySet()) {
            for (int port : ports) assertThat(readAfterFault(port, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
