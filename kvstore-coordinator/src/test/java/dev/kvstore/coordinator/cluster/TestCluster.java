package dev.kvstore.coordinator.cluster;

import static org.awaitility.Awaitility.await;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.coordinator.CoordinatorMain;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.server.ReplicaMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real cluster on loopback for tests: the coordinator in its own JVM (so a test can SIGKILL
 * it), which starts five replica JVMs on free ports. Closing it stops every process it knows of,
 * by pid.
 */
final class TestCluster implements AutoCloseable {
    static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);

    /** A write may wait out prepare, decide and commit timeouts in turn: clients wait longer than that. */
    static final Duration CLIENT_TIMEOUT = RPC_TIMEOUT.multipliedBy(5);

    static {
        RmiSettings.install(CLIENT_TIMEOUT, "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    private final Path dataDir;
    private final int coordinatorPort;
    private final List<Integer> replicaPorts;
    private final List<String> extraArgs;
    private final RemoteCalls calls = new RemoteCalls(Duration.ofSeconds(3), "test-client");
    private final Set<Long> knownPids = new HashSet<>();
    private final List<Process> handStarted = new ArrayList<>();
    private Process coordinator;

    private TestCluster(Path dataDir, List<String> extraArgs) {
        this.dataDir = dataDir;
        List<Integer> ports = freePorts(6);
        this.coordinatorPort = ports.get(0);
        this.replicaPorts = List.copyOf(ports.subList(1, 6));
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a coordinator with five replicas and waits until all are UP. */
    static TestCluster start(Path dataDir, String... extraArgs) {
        TestCluster cluster = new TestCluster(dataDir, List.of(extraArgs));
        try {
            cluster.startCoordinator();
            cluster.awaitAllUp(Duration.ofSeconds(60));
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    List<Integer> replicaPorts() {
        return replicaPorts;
    }

    KVStore replica(int port) {
        try {
            return RmiEndpoint.lookup(calls, "127.0.0.1", port, KVStore.NAME, KVStore.class);
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach replica " + port + ": " + e, e);
        }
    }

    ClusterStatus coordinatorStatus() throws Exception {
        Coordinator c = RmiEndpoint.lookup(calls, "127.0.0.1", coordinatorPort, Coordinator.NAME, Coordinator.class);
        return calls.call("status", c::status);
    }

    ReplicaStatus replicaStatus(int port) throws Exception {
        KVStore kv = replica(port);
        return calls.call("status", kv::status);
    }

    long replicaPid(int port) throws Exception {
        for (MemberStatus m : coordinatorStatus().view().members()) {
            if (m.replica().port() == port && m.pid() > 0) {
                knownPids.add(m.pid());
                return m.pid();
            }
        }
        throw new IllegalStateException("the coordinator knows no pid for replica " + port);
    }

    void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** SIGKILLs the coordinator; its replicas keep running. */
    void killCoordinator() throws Exception {
        rememberReplicaPids();
        coordinator.destroyForcibly();
        coordinator.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts a replica by hand, as an operator would, pointing it at the coordinator. */
    int startReplicaByHand() throws IOException {
        int port = freePorts(1).get(0);
        Path dir = dataDir.resolve("by-hand-" + port);
        Files.createDirectories(dir);
        Process replica = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), ReplicaMain.class.getName(),
                "--port", Integer.toString(port),
                "--coordinator", "127.0.0.1:" + coordinatorPort,
                "--data-dir", dir.toString(),
                "--timeout", RPC_TIMEOUT.toMillis() + "ms")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("replica.log").toFile())
                .start();
        handStarted.add(replica);
        Runtime.getRuntime().addShutdownHook(new Thread(replica::destroyForcibly));
        return port;
    }

    /** Starts the coordinator again on the same data directory and ports. */
    void restartCoordinator() throws IOException {
        startCoordinator();
    }

    /** Every replica is UP in the coordinator's view and reports itself UP. */
    void awaitAllUp(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            ClusterStatus status = coordinatorStatus();
            long up = status.view().members().stream().filter(m -> m.state() == ReplicaState.UP).count();
            if (up < replicaPorts.size()) return false;
            for (int port : replicaPorts) {
                if (replicaStatus(port).state() != ReplicaState.UP) return false;
            }
            return true;
        });
        rememberReplicaPids();
    }

    /**
     * Waits until every replica is UP with the coordinator's last seq and the same digest as the
     * coordinator's committed store; on timeout the error shows every replica's state.
     */
    void awaitConverged(Duration within) {
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(this::converged);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the cluster did not converge:\n" + describe(), e);
        }
    }

    private boolean converged() throws Exception {
        ClusterStatus c = coordinatorStatus();
        for (int port : replicaPorts) {
            ReplicaStatus r = replicaStatus(port);
            if (r.state() != ReplicaState.UP || r.appliedSeq() != c.lastSeq() || !r.digest().equals(c.digest())
                    || r.keyCount() != c.keyCount()) {
                return false;
            }
        }
        return true;
    }

    String describe() {
        StringBuilder out = new StringBuilder();
        try {
            ClusterStatus c = coordinatorStatus();
            out.append(String.format("coordinator: seq %d keys %d digest %s%n", c.lastSeq(), c.keyCount(), c.digest()));
        } catch (Exception e) {
            out.append("coordinator: ").append(e).append('\n');
        }
        for (int port : replicaPorts) {
            try {
                ReplicaStatus r = replicaStatus(port);
                out.append(String.format("replica %d: %s seq %d keys %d digest %s%n", port, r.state(), r.appliedSeq(),
                        r.keyCount(), r.digest()));
            } catch (Exception e) {
                out.append("replica ").append(port).append(": ").append(e).append('\n');
            }
        }
        return out.toString();
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        rememberReplicaPidsQuietly();
        for (Process p : handStarted) p.destroyForcibly();
        if (coordinator != null && coordinator.isAlive()) {
            coordinator.destroy(); // SIGTERM: the coordinator stops its replicas
            try {
                if (!coordinator.waitFor(20, TimeUnit.SECONDS)) coordinator.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                coordinator.destroyForcibly();
            }
        }
        // Replicas outlive a SIGKILLed coordinator by design; stop every one we know of.
        for (long pid : knownPids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        calls.close();
    }

    private void startCoordinator() throws UncheckedIOException {
        List<String> command = new ArrayList<>(List.of(
                javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CoordinatorMain.class.getName(),
                "--port", Integer.toString(coordinatorPort),
                "--replica-ports", replicaPorts.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--data-dir", dataDir.toString(),
                "--timeout", RPC_TIMEOUT.toMillis() + "ms"));
        command.addAll(extraArgs);
        try {
            Files.createDirectories(dataDir);
            coordinator = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("coordinator.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = coordinator;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    }

    private void rememberReplicaPids() {
        for (int port : replicaPorts) {
            try {
                replicaPid(port);
            } catch (Exception e) {
                // not known right now
            }
        }
    }

    private void rememberReplicaPidsQuietly() {
        try {
            rememberReplicaPids();
        } catch (RuntimeException e) {
            // best effort: close() must go on stopping processes
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<Integer> freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) sockets.add(new ServerSocket(0));
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing a probe socket
                }
            }
        }
    }

    static Stream<Integer> others(List<Integer> ports, int except) {
        return ports.stream().filter(p -> p != except);
    }
}
