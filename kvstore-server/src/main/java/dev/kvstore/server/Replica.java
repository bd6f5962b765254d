package dev.kvstore.server;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.rmi.DaemonThreads;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.server.recovery.CatchUp;
import dev.kvstore.server.recovery.InDoubtResolver;
import dev.kvstore.server.rmi.RmiCoordinatorClient;
import dev.kvstore.server.rmi.RmiKVStore;
import dev.kvstore.server.rmi.RmiParticipant;
import dev.kvstore.server.rmi.RmiParticipantClient;
import dev.kvstore.server.txn.Proposer;
import dev.kvstore.server.txn.TxIds;
import dev.kvstore.server.txn.WriteForwarding;
import java.rmi.RemoteException;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running replica: the node, its RMI endpoint, and the background work at its edge (heartbeats,
 * catch-up, in-doubt resolution), each on its own scheduled thread so that a slow catch-up never
 * delays a heartbeat.
 */
public final class Replica implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Replica.class);
    private static final int MAX_VIEW_RETRIES = 3;
    /**
     * Writes go to the write leader while its prepares arrive at least this often: a few of its
     * write round trips, so a busy leader is never taken for an idle one between two batches.
     */
    private static final java.time.Duration FORWARD_WHILE_LEADER_ACTIVE_WITHIN = java.time.Duration.ofMillis(5);
    /**
     * Writes go to the write leader only while, lately, fewer than this many were in flight here
     * at once. With clients spread over five replicas, 8 and 32 writers (at most 2 and 7 per
     * replica) wrote much faster forwarded, 128 (26 per replica) slower.
     */
    private static final int FORWARD_WHILE_WRITES_IN_FLIGHT_BELOW = 10;

    private final ReplicaConfig config;
    private final ReplicaNode node;
    private final RemoteCalls calls;
    private final RmiCoordinatorClient coordinator;
    private final RmiParticipantClient participants;
    private final RmiEndpoint endpoint;
    private final CatchUp catchUp; // run on the recovery thread only; keeps snapshot progress across retries
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("heartbeat"));
    private final ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("catch-up"));
    private final ScheduledExecutorService inDoubt = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("in-doubt"));
    private final AtomicBoolean recovering = new AtomicBoolean();
    private final Runnable onOrphaned;
    private volatile boolean coordinatorReachable;
    private volatile long lastHeartbeatOkNanos = System.nanoTime();

    private Replica(ReplicaConfig config, Runnable onOrphaned) throws RemoteException {
        this.config = config;
        this.onOrphaned = onOrphaned;
        this.node = new ReplicaNode(config.self(), config.limits(), System::nanoTime, config.inDoubtTimeout());
        this.calls = new RemoteCalls(config.rpcTimeout(), "rmi-call");
        CallAuthenticator auth = new CallAuthenticator(config.secret(), "replica " + config.self());
        this.coordinator = new RmiCoordinatorClient(config.coordinatorHost(), config.coordinatorPort(), calls, auth);
        this.participants = new RmiParticipantClient(node, calls, auth);
        this.catchUp = new CatchUp(node, coordinator, config.catchUpPageSize(), System::nanoTime);
        Proposer proposer = new Proposer(config.self(), participants, coordinator, node,
                new TxIds(config.self(), new SecureRandom().nextLong()), MAX_VIEW_RETRIES);
        // A GET on a key held by a prepared transaction waits at most half the call timeout, so the
        // client hears "unavailable" before its own deadline.
        WriteForwarding forwarding = new WriteForwarding(config.self(), node::current, participants::forward, System::nanoTime,
                FORWARD_WHILE_LEADER_ACTIVE_WITHIN, config.rpcTimeout(), FORWARD_WHILE_WRITES_IN_FLIGHT_BELOW);
        KVStoreService service = new KVStoreService(node, proposer, config.limits(), () -> coordinatorReachable,
                config.rpcTimeout().dividedBy(2), forwarding);
        this.endpoint = RmiEndpoint.open(config.self().port(), config.bindAddress(), config.rpcTimeout(), config.maxMessageBytes(),
                config.tls().transport());
        endpoint.bind(KVStore.NAME, new RmiKVStore(service));
        endpoint.bind(Participant.NAME, new RmiParticipant(node, service, forwarding, auth));
    }

    /**
     * Exports the replica on its port and starts heartbeats and catch-up; it serves once the
     * coordinator accepts its join. {@code onOrphaned} runs when a supervised replica has not
     * reached its coordinator for the orphan timeout.
     */
    public static Replica start(ReplicaConfig config, Runnable onOrphaned) throws RemoteException {
        Replica replica = new Replica(config, onOrphaned);
        replica.begin();
        return replica;
    }

    public ReplicaNode node() {
        return node;
    }

    private void begin() {
        long beat = config.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, beat, TimeUnit.MILLISECONDS);
        long tick = Math.max(10, config.inDoubtTimeout().toMillis() / 4);
        inDoubt.scheduleWithFixedDelay(this::resolveInDoubt, tick, tick, TimeUnit.MILLISECONDS);
        requestCatchUp();
        log.info("replica {} serving {} RMI on {}:{}; coordinator {}:{}; JVM up for {} ms", config.self(), config.tls().transport(),
                config.bindAddress(), config.self().port(), config.coordinatorHost(), config.coordinatorPort(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private void heartbeat() {
        try {
            long sentAt = System.nanoTime();
            var reply = coordinator.heartbeat(new Heartbeat(config.self(), ProcessHandle.current().pid(), node.state(), node.watermark()));
            lastHeartbeatOkNanos = System.nanoTime();
            if (!coordinatorReachable) log.info("coordinator reachable");
            coordinatorReachable = true;
            if (reply.leaseMillis() > 0) coordinator.allowForLeases(java.time.Duration.ofMillis(reply.leaseMillis()));
            if (node.onHeartbeatReply(reply, sentAt)) requestCatchUp();
        } catch (RemoteException e) {
            if (coordinatorReachable) log.warn("coordinator unreachable: {}", e.toString());
            coordinatorReachable = false;
            checkOrphaned();
        } catch (RuntimeException e) {
            log.error("heartbeat failed", e);
        }
    }

    private void checkOrphaned() {
        if (config.orphanTimeout() == null) return;
        if (System.nanoTime() - lastHeartbeatOkNanos > config.orphanTimeout().toNanos()) {
            log.error("no coordinator for {}; a supervised replica does not outlive its supervisor: exiting", config.orphanTimeout());
            onOrphaned.run();
        }
    }

    private void requestCatchUp() {
        if (recovering.compareAndSet(false, true)) recovery.execute(this::catchUp);
    }

    private void catchUp() {
        try {
            catchUp.run();
            recovering.set(false);
            heartbeats.execute(this::heartbeat); // fetch the first read lease now, not a beat later
        } catch (RemoteException | RuntimeException e) {
            log.warn("catch-up failed, retrying: {}", e.toString());
            recovery.schedule(this::catchUp, config.heartbeatInterval().toMillis() * 2, TimeUnit.MILLISECONDS);
        }
    }

    private void resolveInDoubt() {
        try {
            new InDoubtResolver(node, coordinator).resolveDue();
        } catch (RemoteException e) {
            log.debug("in-doubt resolution postponed: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("in-doubt resolution failed", e);
        }
    }

    public boolean isServing() {
        return node.state() == ReplicaState.UP;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        recovery.shutdownNow();
        inDoubt.shutdownNow();
        endpoint.close();
        participants.close();
        log.info("replica {} stopped", config.self());
    }

}
