package dev.kvstore.coordinator.local;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.coordinator.CoordinatorMain;
import dev.kvstore.coordinator.process.Classpath;
import dev.kvstore.coordinator.process.ReplicaLauncher;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.TlsContext;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import dev.kvstore.rmi.tls.ClusterCertificates;
import dev.kvstore.rmi.tls.TlsFiles;
import dev.kvstore.rmi.tls.TlsSetup;
import dev.kvstore.server.ReplicaMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A whole cluster on loopback for tests, the fault suite and the benchmark: the coordinator in
 * its own JVM (so it can be SIGKILLed), which starts one replica JVM per port. Every process it
 * learns of is stopped by pid on {@link #close()}, and by a shutdown hook if the caller dies.
 * A cluster started {@link #startWithTls with TLS} makes this JVM a TLS client until it is closed.
 * Thread-safe for status calls; start, kill and restart are for one controlling thread.
 */
public final class LocalCluster implements AutoCloseable {
    private final Path dataDir;
    private final int coordinatorPort;
    private final List<Integer> replicaPorts;
    private final Duration rpcTimeout;
    private final List<String> extraArgs;
    private final JvmOptions jvm;
    private final List<String> tlsArgs; // the node's TLS flags for the coordinator and hand-started replicas; none for plain
    private final SSLContext clientContextBefore; // with TLS: this JVM's identity before ours, restored on close; often none
    private final RemoteCalls calls;
    private final Set<Long> knownPids = ConcurrentHashMap.newKeySet();
    private final List<Process> handStarted = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::destroyEverything, "local-cluster-cleanup");
    private volatile Process coordinator;
    private volatile CallAuthenticator auth;

    /**
     * The JVM options of the coordinator and of each replica it starts (heap, collector, JFR).
     * {@link #DEFAULT} suits small stores; a store of a million keys needs more heap.
     */
    public record JvmOptions(List<String> coordinator, List<String> replicas) {
        public static final JvmOptions DEFAULT = new JvmOptions(List.of("-Xmx512m", "-XX:+UseSerialGC"),
                ReplicaLauncher.DEFAULT_JVM_OPTIONS);

        public JvmOptions {
            coordinator = List.copyOf(coordinator);
            replicas = List.copyOf(replicas);
        }
    }

    private LocalCluster(Path dataDir, int replicas, Duration rpcTimeout, Function<List<Integer>, List<String>> extraArgs,
            ClusterCertificates.Issued certificates) {
        this(dataDir, replicas, rpcTimeout, extraArgs, certificates, JvmOptions.DEFAULT);
    }

    private LocalCluster(Path dataDir, int replicas, Duration rpcTimeout, Function<List<Integer>, List<String>> extraArgs,
            ClusterCertificates.Issued certificates, JvmOptions jvm) {
        this.dataDir = dataDir;
        List<Integer> ports = freePorts(replicas + 1);
        this.coordinatorPort = ports.get(0);
        this.replicaPorts = List.copyOf(ports.subList(1, replicas + 1));
        this.rpcTimeout = rpcTimeout;
        this.extraArgs = List.copyOf(extraArgs.apply(replicaPorts));
        this.jvm = jvm;
        if (certificates == null) {
            this.tlsArgs = List.of();
            this.clientContextBefore = null;
        } else {
            this.tlsArgs = new TlsFiles(certificates.nodeKeystore(), certificates.truststore(), certificates.passwordFile()).commandLine();
            this.clientContextBefore = TlsContext.installed().orElse(null);
            installClientIdentity(certificates);
        }
        this.calls = new RemoteCalls(rpcTimeout.multipliedBy(5), "local-cluster");
    }

    /** This JVM's own calls (status, stubs handed out) go over TLS with the client certificate. */
    private static void installClientIdentity(ClusterCertificates.Issued certificates) {
        try {
            TlsSetup.load(new TlsFiles(certificates.clientKeystore(), certificates.truststore(), certificates.passwordFile()))
                    .installForProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a coordinator with {@code replicas} replicas on free loopback ports and waits until
     * all are UP. {@code extraArgs} go to the coordinator's command line.
     */
    public static LocalCluster start(Path dataDir, int replicas, Duration rpcTimeout, Duration startWithin, String... extraArgs) {
        return start(dataDir, replicas, rpcTimeout, startWithin, ports -> List.of(extraArgs));
    }

    /**
     * Like {@link #start(Path, int, Duration, Duration, String...)}, with coordinator arguments
     * that name the replica ports chosen, such as {@code --fault PORT:5s:5s}.
     */
    public static LocalCluster start(
            Path dataDir, int replicas, Duration rpcTimeout, Duration startWithin, Function<List<Integer>, List<String>> extraArgs) {
        return start(new LocalCluster(dataDir, replicas, rpcTimeout, extraArgs, null), startWithin);
    }

    /**
     * Like {@link #start(Path, int, Duration, Duration, Function)}, with {@code jvm} options for
     * the coordinator's JVM and for every replica JVM it starts.
     */
    public static LocalCluster start(Path dataDir, int replicas, Duration rpcTimeout, Duration startWithin, JvmOptions jvm,
            Function<List<Integer>, List<String>> extraArgs) {
        return start(new LocalCluster(dataDir, replicas, rpcTimeout, extraArgs, null, jvm), startWithin);
    }

    /**
     * Like {@link #start(Path, int, Duration, Duration, Function)}, with mutual TLS on every
     * connection: the coordinator and its replicas present {@code certificates}' first node
     * certificate, and this JVM becomes a TLS client with its client certificate until
     * {@link #close()}. Make the certificates with {@link ClusterCertificates#generate}.
     */
    public static LocalCluster startWithTls(Path dataDir, int replicas, Duration rpcTimeout, Duration startWithin,
            ClusterCertificates.Issued certificates, Function<List<Integer>, List<String>> extraArgs) {
        return start(new LocalCluster(dataDir, replicas, rpcTimeout, extraArgs, certificates), startWithin);
    }

    private static LocalCluster start(LocalCluster cluster, Duration startWithin) {
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startCoordinator();
            cluster.awaitAllUp(startWithin);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public List<Integer> replicaPorts() {
        return replicaPorts;
    }

    public int coordinatorPort() {
        return coordinatorPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Duration rpcTimeout() {
        return rpcTimeout;
    }

    /** A stub of the replica on {@code port}; calls on it are bounded only by its socket timeouts. */
    public KVStore replica(int port) {
        try {
            return RmiEndpoint.lookup(calls, "127.0.0.1", port, KVStore.NAME, KVStore.class);
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach replica " + port + ": " + e, e);
        }
    }

    /** The coordinator's status, asked with the cluster's own credential (the secret in the data directory). */
    public ClusterStatus coordinatorStatus() throws Exception {
        Coordinator c = RmiEndpoint.lookup(calls, "127.0.0.1", coordinatorPort, Coordinator.NAME, Coordinator.class);
        CallAuthenticator auth = authenticator();
        return calls.call("coordinator status", () -> c.status(auth.sign("status")));
    }

    /** Signs calls as a member of this cluster; the coordinator creates the secret when it first starts. */
    public CallAuthenticator authenticator() throws IOException {
        CallAuthenticator current = auth;
        if (current == null) {
            current = new CallAuthenticator(ClusterSecret.load(secretFile()), "local-cluster");
            auth = current;
        }
        return current;
    }

    /** Where the coordinator keeps the cluster secret. */
    public Path secretFile() {
        return dataDir.resolve(ClusterSecret.FILE_NAME);
    }

    public ReplicaStatus replicaStatus(int port) throws Exception {
        KVStore kv = replica(port);
        return calls.call("status of replica " + port, kv::status);
    }

    /** The pid the coordinator knows for the replica on {@code port}. */
    public long replicaPid(int port) throws Exception {
        for (MemberStatus m : coordinatorStatus().view().members()) {
            if (m.replica().port() == port && m.pid() > 0) {
                knownPids.add(m.pid());
                return m.pid();
            }
        }
        throw new IllegalStateException("the coordinator knows no pid for replica " + port);
    }

    /** The coordinator's pid, or -1 when it is not running. */
    public long coordinatorPid() {
        Process c = coordinator;
        return c != null && c.isAlive() ? c.pid() : -1;
    }

    /** Sends a signal (KILL, STOP, CONT, TERM) to a process this cluster started. */
    public void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** SIGKILLs the coordinator; its replicas keep running and are adopted by the next one. */
    public void killCoordinator() throws InterruptedException {
        rememberReplicaPids();
        Process c = coordinator;
        c.destroyForcibly();
        c.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the coordinator again on the same data directory and ports. */
    public void restartCoordinator() {
        startCoordinator();
    }

    /** Starts a replica by hand, as an operator would, pointing it at the coordinator; returns its port. */
    public int startReplicaByHand() throws IOException {
        int port = freePorts(1).get(0);
        Path dir = dataDir.resolve("by-hand-" + port);
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", Classpath.forReplicas(), ReplicaMain.class.getName(),
                "--port", Integer.toString(port),
                "--coordinator", "127.0.0.1:" + coordinatorPort,
                "--data-dir", dir.toString(),
                "--secret-file", secretFile().toString(),
                "--timeout", rpcTimeout.toMillis() + "ms"));
        command.addAll(tlsArgs);
        Process replica = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("replica.log").toFile())
                .start();
        synchronized (handStarted) {
            handStarted.add(replica);
        }
        return port;
    }

    /** Waits until every replica is UP in the coordinator's view and reports itself UP. */
    public void awaitAllUp(Duration within) {
        Poll.until(within, "all replicas UP", () -> {
            ClusterStatus status = coordinatorStatus();
            long up = status.view().members().stream()
                    .filter(m -> m.state() == ReplicaState.UP && replicaPorts.contains(m.replica().port()))
                    .count();
            if (up < replicaPorts.size()) return false;
            for (int port : replicaPorts) {
                if (replicaStatus(port).state() != ReplicaState.UP) return false;
            }
            return true;
        }, this::describe);
        rememberReplicaPids();
    }

    /**
     * Waits until every replica is UP with the coordinator's last seq, key count and digest; on
     * timeout the error shows every replica's state.
     */
    public void awaitConverged(Duration within) {
        Poll.until(within, "replicas and coordinator converge", this::converged, this::describe);
    }

    /** Whether every replica is UP and holds exactly the coordinator's committed store. */
    public boolean converged() throws Exception {
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

    /** One line per process: state, seq, keys and digest, or why it could not be asked. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        try {
            ClusterStatus c = coordinatorStatus();
            out.append(String.format("coordinator %d: seq %d keys %d digest %s%n", coordinatorPort, c.lastSeq(), c.keyCount(), c.digest()));
        } catch (Exception e) {
            out.append("coordinator ").append(coordinatorPort).append(": ").append(e).append('\n');
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

    /** Stops the coordinator (which stops its replicas) and every other process this cluster knows of. */
    @Override
    public void close() {
        try {
            rememberReplicaPids();
        } catch (RuntimeException e) {
            // best effort: stopping must go on
        }
        Process c = coordinator;
        if (c != null && c.isAlive()) {
            c.destroy(); // SIGTERM: the coordinator stops its replicas
            try {
                if (!c.waitFor(20, TimeUnit.SECONDS)) c.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.destroyForcibly();
            }
        }
        destroyEverything();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        calls.close();
        if (!tlsArgs.isEmpty()) {
            if (clientContextBefore != null) TlsContext.install(clientContextBefore);
            else TlsContext.uninstall();
        }
    }

    private void destroyEverything() {
        Process c = coordinator;
        if (c != null) c.destroyForcibly();
        synchronized (handStarted) {
            for (Process p : handStarted) p.destroyForcibly();
        }
        // Replicas outlive a SIGKILLed coordinator by design; stop every one we know of.
        for (long pid : knownPids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    private void startCoordinator() {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvm.coordinator());
        command.addAll(List.of(
                "-cp", Classpath.forReplicas(),
                CoordinatorMain.class.getName(),
                "--port", Integer.toString(coordinatorPort),
                "--replica-ports", replicaPorts.stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--data-dir", dataDir.toString(),
                "--timeout", rpcTimeout.toMillis() + "ms"));
        command.addAll(extraArgs);
        if (!jvm.replicas().equals(ReplicaLauncher.DEFAULT_JVM_OPTIONS)) {
            for (String option : jvm.replicas()) command.add("--replica-jvm-option=" + option);
        }
        command.addAll(tlsArgs);
        try {
            Files.createDirectories(dataDir);
            coordinator = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("coordinator.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Free loopback ports, found by binding and releasing them. */
    public static List<Integer> freePorts(int n) {
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

}
