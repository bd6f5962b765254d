package dev.kvstore.coordinator;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.View;
import dev.kvstore.coordinator.decision.CoordinatorService;
import dev.kvstore.coordinator.decision.MirroredDecisionStore;
import dev.kvstore.coordinator.log.GroupCommitter;
import dev.kvstore.coordinator.log.RocksDecisionStore;
import dev.kvstore.coordinator.membership.LeaseTable;
import dev.kvstore.coordinator.membership.Membership;
import dev.kvstore.coordinator.process.ReplicaLauncher;
import dev.kvstore.coordinator.process.ReplicaSupervisor;
import dev.kvstore.coordinator.rmi.RmiCoordinator;
import dev.kvstore.rmi.DaemonThreads;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: the durable store, the protocol service behind its RMI endpoint, the
 * membership ticker and the supervisor of the replica processes. Closing it stops the replicas
 * it started or adopted.
 */
public final class CoordinatorServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorServer.class);
    private static final int GROUP_COMMIT_MAX_BATCH = 1024;
    private static final int MAX_JOIN_GAP = 10_000;

    private final CoordinatorConfig config;
    private final MirroredDecisionStore store;
    private final GroupCommitter committer;
    private final CoordinatorService service;
    private final RmiEndpoint endpoint;
    private final ReplicaSupervisor supervisor;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean allUpSeen = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private CoordinatorServer(CoordinatorConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        this.store = new MirroredDecisionStore(RocksDecisionStore.open(storeDir(config.dataDir())));
        this.committer = new GroupCommitter(store, GROUP_COMMIT_MAX_BATCH);
        long generation = Generation.next(config.dataDir());
        Membership membership = new Membership(Generation.firstEpoch(generation), config.heartbeatTimeout().toNanos());
        LeaseTable leases = new LeaseTable(config.lease().toNanos(), System.nanoTime());
        this.service = new CoordinatorService(store, committer, membership, System::nanoTime,
                config.rpcTimeout().multipliedBy(30), MAX_JOIN_GAP, leases, CoordinatorServer::sleepUntil);
        Path secretFile = config.dataDir().resolve(ClusterSecret.FILE_NAME);
        CallAuthenticator auth = new CallAuthenticator(ClusterSecret.loadOrCreate(secretFile), "coordinator");
        this.endpoint = RmiEndpoint.open(config.port(), config.bindAddress(), config.rpcTimeout(), config.maxMessageBytes(),
                config.tls().transport());
        endpoint.bind(Coordinator.NAME, new RmiCoordinator(service, auth));
        log.info("coordinator on {}:{} over {} RMI (generation {}) recovered the committed store at seq {} ({} keys)",
                config.bindAddress(), config.port(), config.tls().transport(), generation, store.lastSeq(), store.mirror().keyCount());

        List<String> replicaArgs = new ArrayList<>(config.replicaArgs());
        replicaArgs.add("--secret-file=" + secretFile);
        replicaArgs.addAll(config.tls().commandLine()); // the same certificate and CA; the password by file or inherited environment
        ReplicaLauncher launcher = new ReplicaLauncher(config.dataDir(), config.advertiseHost() + ":" + config.port(),
                config.rpcTimeout(), replicaArgs, config.replicaJvmOptions());
        this.supervisor = new ReplicaSupervisor(launcher, config.replicaPorts(), port -> survivingReplica(launcher, port),
                Duration.ofMillis(250));
        supervisor.scheduleFaults(config.faults());
        this.ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("membership"));
    }

    /** Where a coordinator on {@code dataDir} keeps its durable store (a RocksDB directory). */
    public static Path storeDir(Path dataDir) {
        return dataDir.resolve("store");
    }

    /** Opens the store, serves RMI, starts (or adopts) the replicas. */
    public static CoordinatorServer start(CoordinatorConfig config) throws IOException {
        CoordinatorServer server = new CoordinatorServer(config);
        server.supervisor.start();
        long tick = Math.max(20, config.heartbeatTimeout().toMillis() / 4);
        server.ticker.scheduleWithFixedDelay(server::tick, tick, tick, TimeUnit.MILLISECONDS);
        return server;
    }

    public CoordinatorService service() {
        return service;
    }

    private void tick() {
        try {
            if (committer.failed()) {
                stopAfterStorageFailure();
                return;
            }
            service.tick();
            if (!allUpSeen.get() && allReplicasUp(service.view())) {
                allUpSeen.set(true);
                log.info("cluster ready: all {} replicas UP", config.replicaPorts().size());
                System.out.println("KVStore ready: " + config.replicaPorts().size() + " replicas UP on ports "
                        + config.replicaPorts() + "; coordinator on " + config.advertiseHost() + ":" + config.port());
                supervisor.onAllReplicasUp();
            }
        } catch (RuntimeException e) {
            log.error("membership tick failed", e);
        }
    }

    private boolean allReplicasUp(View view) {
        long up = view.members().stream()
                .filter(m -> m.state() == ReplicaState.UP && config.replicaPorts().contains(m.replica().port()))
                .map(MemberStatus::replica)
                .count();
        return up == config.replicaPorts().size();
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long remaining = nanos - System.nanoTime();
        if (remaining > 0) TimeUnit.NANOSECONDS.sleep(remaining);
    }

    /**
     * What reached the disk after a failed write is unknown until recovery reads it back, so the
     * coordinator stops rather than serve on; a restart recovers from the log. Exiting from a
     * new thread runs the shutdown hook, which stops the replicas.
     */
    private void stopAfterStorageFailure() {
        if (closed.get()) return;
        log.error("the decision log failed; stopping the coordinator (a restart recovers from the log)");
        Thread exit = new Thread(() -> System.exit(70), "storage-failure-exit");
        exit.start();
        ticker.shutdown();
    }

    /**
     * A replica that outlived a coordinator crash keeps serving; the restarted coordinator adopts
     * it instead of starting a second one on the same port. The replica wrote its pid at start.
     */
    private static OptionalLong survivingReplica(ReplicaLauncher launcher, int port) {
        Path pidFile = launcher.replicaDir(port).resolve("replica.pid");
        try {
            if (!Files.exists(pidFile)) return OptionalLong.empty();
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            // A pid may have been reused by an unrelated process: adopt only our replica on this port.
            boolean ours = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .flatMap(p -> p.info().commandLine())
                    .filter(cmd -> cmd.contains(dev.kvstore.server.ReplicaMain.class.getName()) && cmd.contains("--port " + port + " "))
                    .isPresent();
            return ours ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        log.info("coordinator stopping");
        supervisor.close();
        ticker.shutdownNow();
        endpoint.close();
        committer.close();
        store.close();
        log.info("coordinator stopped");
    }
}
