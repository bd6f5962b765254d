package dev.kvstore.bench.restart;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.coordinator.local.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures how long a replica takes to come back UP after a SIGKILL under a large committed store:
 * seeds the coordinator's store offline ({@link StoreSeeder}), starts a five-replica
 * {@link LocalCluster} on it, then for each round kills one replica, lets the coordinator's
 * supervisor start it again, and times the new process until its status says UP. Every wait is
 * bounded; the cluster is stopped on {@link #close()}. For one thread.
 */
public final class RestartBenchmark implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestartBenchmark.class);
    private static final int REPLICAS = 5;
    private static final long POLL_MILLIS = 5;

    /** What to run. */
    public record Settings(int keys, int valueSize, long seed, int rounds, LocalCluster.JvmOptions jvm, Duration rpcTimeout,
            Duration startWithin, Duration restartWithin) {}

    private final Settings settings;
    private final LocalCluster cluster;

    private RestartBenchmark(Settings settings, LocalCluster cluster) {
        this.settings = settings;
        this.cluster = cluster;
    }

    /** Seeds {@code dataDir} (or reuses an earlier seeding) and starts the cluster on it, all replicas UP. */
    public static RestartBenchmark start(Path dataDir, Settings settings) throws IOException {
        StoreSeeder.Seeded seeded = StoreSeeder.seed(dataDir, settings.keys(), settings.valueSize(), settings.seed());
        LOG.info("starting a {}-replica cluster on {} keys (seq {}); replica JVM options {}", REPLICAS, seeded.keys(),
                seeded.lastSeq(), settings.jvm().replicas());
        long began = System.nanoTime();
        LocalCluster cluster = LocalCluster.start(dataDir, REPLICAS, settings.rpcTimeout(), settings.startWithin(), settings.jvm(),
                ports -> List.of());
        LOG.info("all {} replicas UP after {} ms", REPLICAS, millisSince(began));
        return new RestartBenchmark(settings, cluster);
    }

    /** Runs every round, one replica after another, each once the cluster has converged again. */
    public List<RestartRound> run() throws Exception {
        List<RestartRound> rounds = new ArrayList<>();
        List<Integer> ports = cluster.replicaPorts();
        for (int round = 1; round <= settings.rounds(); round++) {
            RestartRound r = restart(round, ports.get((round - 1) % ports.size()));
            LOG.info("round {}: replica {} UP {} ms after its new process appeared ({} ms after the kill)", round, r.port(),
                    r.processToUpMillis(), r.killToUpMillis());
            rounds.add(r);
        }
        return rounds;
    }

    private RestartRound restart(int round, int port) throws Exception {
        cluster.awaitConverged(settings.restartWithin()); // every round starts from the same settled cluster
        long oldPid = cluster.replicaPid(port);
        long coordinatorPid = cluster.coordinatorPid();
        Set<Long> running = childPids(coordinatorPid);
        long killedAt = System.nanoTime();
        cluster.signal(oldPid, "KILL");
        long deadline = killedAt + settings.restartWithin().toNanos();
        ProcessHandle fresh = awaitNewProcess(coordinatorPid, port, running, deadline);
        long startedAt = System.nanoTime();
        awaitUp(port, deadline);
        long upAt = System.nanoTime();
        ReplicaStatus status = cluster.replicaStatus(port);
        if (status.keyCount() < settings.keys()) {
            throw new IllegalStateException("replica " + port + " is UP with " + status.keyCount() + " keys, not "
                    + settings.keys());
        }
        LOG.debug("replica {} restarted as pid {}", port, fresh.pid());
        return new RestartRound(round, port, TimeUnit.NANOSECONDS.toMillis(startedAt - killedAt),
                TimeUnit.NANOSECONDS.toMillis(upAt - startedAt), logTimings(port));
    }

    /**
     * The replica process the supervisor started for {@code port}: the coordinator's child that
     * was not running before the kill. Command lines are not compared: the JDK may not report a
     * long one (a test's class path), and the cluster is settled, so no other replica restarts.
     */
    private ProcessHandle awaitNewProcess(long coordinatorPid, int port, Set<Long> runningBefore, long deadline)
            throws InterruptedException {
        ProcessHandle coordinator = ProcessHandle.of(coordinatorPid)
                .orElseThrow(() -> new IllegalStateException("the coordinator (pid " + coordinatorPid + ") is gone"));
        while (true) {
            Optional<ProcessHandle> fresh = coordinator.children().filter(p -> !runningBefore.contains(p.pid())).findFirst();
            if (fresh.isPresent()) return fresh.get();
            checkDeadline(deadline, "the coordinator to start replica " + port + " again");
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static Set<Long> childPids(long pid) {
        return ProcessHandle.of(pid).map(p -> p.children().map(ProcessHandle::pid).collect(Collectors.toSet())).orElse(Set.of());
    }

    private void awaitUp(int port, long deadline) throws InterruptedException {
        Exception last = null;
        while (true) {
            try {
                if (cluster.replicaStatus(port).state() == ReplicaState.UP) return;
            } catch (Exception e) {
                last = e; // not listening or not bound yet
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("replica " + port + " was not UP within " + settings.restartWithin()
                        + (last != null ? " (last error: " + last + ")" : "") + "\n" + cluster.describe());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private ReplicaLogTimings logTimings(int port) {
        Path log = cluster.dataDir().resolve("logs").resolve("replica-" + port + ".log");
        try {
            return ReplicaLogTimings.parse(Files.readAllLines(log, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the phases of replica {} from {}: {}", port, log, e.toString());
            return ReplicaLogTimings.NONE;
        }
    }

    private static void checkDeadline(long deadline, String what) {
        if (System.nanoTime() - deadline > 0) throw new IllegalStateException("timed out waiting for " + what);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
