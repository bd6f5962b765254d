package dev.kvstore.coordinator.decision;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecideResult;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.DecisionRefusedException;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.coordinator.log.GroupCommitter;
import dev.kvstore.coordinator.membership.LeaseTable;
import dev.kvstore.coordinator.membership.Membership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The coordinator's protocol: membership, the commit point, in-doubt outcomes, join, snapshot and
 * catch-up. Decide, outcome, join and heartbeat run in one critical section, so a seq is assigned
 * against the view that checked it and no commit falls between a replica's catch-up and its join.
 * The fsync happens outside the lock, shared by concurrent decisions. Thread-safe; no RMI here.
 */
public final class CoordinatorService {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorService.class);

    /** Bytes of encoded entries per snapshot page: well under the per-call budget, large enough that round trips do not dominate. */
    static final int SNAPSHOT_PAGE_BYTES = 1024 * 1024;
    static final int MAX_SNAPSHOT_PAGE_ENTRIES = 100_000;

    private final Object lock = new Object();
    private final MirroredDecisionStore store;
    private final GroupCommitter committer;
    private final Membership membership;
    private final LongSupplier nanoClock;
    private final Duration durableWait;
    private final int maxJoinGap;
    private final LeaseTable leases;
    private final Sleeper sleeper;
    /** Decided, maybe not durable yet: an outcome asked meanwhile must answer COMMIT. */
    private final Map<TxId, Pending> pending = new HashMap<>();
    private long lastAssigned;

    /** Waits until a point on the injected clock; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepUntil(long nanos) throws InterruptedException;
    }

    /** A service that grants no read leases (every lease is zero long). */
    public CoordinatorService(
            MirroredDecisionStore store,
            GroupCommitter committer,
            Membership membership,
            LongSupplier nanoClock,
            Duration durableWait,
            int maxJoinGap) {
        this(store, committer, membership, nanoClock, durableWait, maxJoinGap,
                new LeaseTable(0, nanoClock.getAsLong()), until -> {});
    }

    public CoordinatorService(
            MirroredDecisionStore store,
            GroupCommitter committer,
            Membership membership,
            LongSupplier nanoClock,
            Duration durableWait,
            int maxJoinGap,
            LeaseTable leases,
            Sleeper sleeper) {
        this.leases = leases;
        this.sleeper = sleeper;
        this.store = store;
        this.committer = committer;
        this.membership = membership;
        this.nanoClock = nanoClock;
        this.durableWait = durableWait;
        this.maxJoinGap = maxJoinGap;
        this.lastAssigned = store.lastSeq();
    }

    /** Records a heartbeat; an UP replica gets its read lease renewed. */
    public HeartbeatReply heartbeat(Heartbeat heartbeat) {
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            ReplicaState state = membership.onHeartbeat(heartbeat, now, lastAssigned);
            long leaseNanos = state == ReplicaState.UP ? leases.grant(heartbeat.replica(), now) : 0;
            return new HeartbeatReply(state, membership.view(), TimeUnit.NANOSECONDS.toMillis(leaseNanos));
        }
    }

    /** Marks DOWN the replicas whose heartbeats stopped. Called periodically. */
    public void tick() {
        synchronized (lock) {
            membership.expire(nanoClock.getAsLong());
        }
    }

    /**
     * The durable commit point. Returns the seq once the decision is on disk; refuses when the
     * participants do not cover the UP replicas, the proposer is not UP, or the transaction was
     * already decided ABORT. Deciding the same transaction twice returns the same seq.
     */
    public long decide(DecideRequest request) throws DecisionRefusedException {
        DecideResult result = decideAll(List.of(request)).get(0);
        if (!result.isCommitted()) throw new DecisionRefusedException(result.refusal(), result.view());
        return result.seq();
    }

    /**
     * {@link #decide} for a batch, each request on its own, in order: all of them are decided
     * in one critical section and share the fsyncs that make them durable. Returns once every
     * committed one is durable and the leases of the replicas any of them left out have run out.
     */
    public List<DecideResult> decideAll(List<DecideRequest> requests) {
        List<DecideResult> results = new ArrayList<>(requests.size());
        List<Pending> decided = new ArrayList<>(requests.size());
        long ackAfter;
        try {
            ackAfter = decideLocked(requests, results, decided);
        } finally {
            committer.appendQueued(); // what this call queued, even if a later request failed
        }
        for (Pending p : decided) awaitDurable(p);
        awaitLeases(ackAfter);
        return results;
    }

    /** Decides each request under the lock; returns when the leases of the replicas left out run out. */
    private long decideLocked(List<DecideRequest> requests, List<DecideResult> results, List<Pending> decided) {
        long ackAfter = Long.MIN_VALUE;
        synchronized (lock) {
            for (DecideRequest request : requests) {
                try (var ignored = MDC.putCloseable("tx", request.txId().value())) {
                    Pending p = decideLocked(request);
                    decided.add(p);
                    results.add(DecideResult.committed(p.decision.seq()));
                    // A replica left out may still answer reads from its lease: the write becomes
                    // visible to clients only once every such lease has run out.
                    ackAfter = Math.max(ackAfter, leases.horizonExcluding(request.participants()));
                } catch (DecisionRefusedException refused) {
                    results.add(DecideResult.refused(refused.getMessage(), refused.view()));
                }
            }
        }
        return ackAfter;
    }

    private Pending decideLocked(DecideRequest request) throws DecisionRefusedException {
        TxId txId = request.txId();
        Optional<Pending> earlier = decidedBefore(txId);
        if (earlier.isPresent()) return earlier.get();
        if (store.isAborted(txId)) refuse("transaction " + txId + " was already decided ABORT");
        Set<ReplicaId> suspects = new HashSet<>(request.suspects());
        suspects.remove(request.proposer());
        if (!suspects.isEmpty()) membership.markDown(suspects, "suspected by " + request.proposer());
        if (!membership.isUp(request.proposer())) refuse("proposer " + request.proposer() + " is not UP");
        Set<ReplicaId> missing = new TreeSet<>(membership.up());
        missing.removeAll(request.participants());
        if (!missing.isEmpty()) refuse("the participants do not include UP replicas " + missing);
        Decision decision = new Decision(++lastAssigned, txId, request.writes());
        Pending decided = new Pending(decision, committer.submitForCaller(decision)); // decideAll appends it
        pending.put(txId, decided);
        return decided;
    }

    /** COMMIT with the decision, or ABORT; an undecided transaction is decided ABORT now, durably. */
    public Outcome outcome(TxId txId) {
        Pending decided;
        synchronized (lock) {
            Optional<Pending> earlier = decidedBefore(txId);
            if (earlier.isEmpty()) {
                if (!store.isAborted(txId)) {
                    store.recordAborted(txId);
                    log.info("transaction {} decided ABORT on an outcome request", txId);
                }
                return Outcome.aborted();
            }
            decided = earlier.get();
        }
        awaitDurable(decided);
        return Outcome.committed(decided.decision);
    }

    /**
     * Marks a caught-up replica UP and hands it every decision it still lacks, or refuses when it
     * lacks more than the join gap (it should pull them first).
     */
    public JoinReply join(ReplicaId replica, long appliedSeq) throws InterruptedException {
        synchronized (lock) {
            committer.flush(); // what we hand over must be durable, and nothing is decided meanwhile
            List<Decision> missing = store.decisionsAfter(appliedSeq, maxJoinGap + 1);
            if (missing.size() > maxJoinGap) return new JoinReply(false, List.of(), membership.view());
            long now = nanoClock.getAsLong();
            membership.markUp(replica, now, lastAssigned);
            // The first lease comes with the join, so the replica serves reads as soon as it is UP.
            long leaseNanos = leases.grant(replica, now);
            return new JoinReply(true, missing, membership.view(), TimeUnit.NANOSECONDS.toMillis(leaseNanos));
        }
    }

    /** A page of at most {@code maxEntries} entries and about {@link #SNAPSHOT_PAGE_BYTES}, whichever comes first. */
    public SnapshotChunk snapshot(String afterKey, int maxEntries) {
        int max = Math.max(1, Math.min(maxEntries, MAX_SNAPSHOT_PAGE_ENTRIES)); // bytes bound a page, not entries
        long durable = store.lastSeq(); // read first: the page holds at least everything up to it
        SnapshotChunk.Builder page = SnapshotChunk.builder(SNAPSHOT_PAGE_BYTES);
        boolean last = store.appendEntriesAfter(afterKey, max, page);
        return page.build(durable, last);
    }

    public DecisionBatch decisionsAfter(long afterSeq, int max) {
        long durable = store.lastSeq();
        return new DecisionBatch(store.decisionsAfter(afterSeq, clampPage(max)), durable);
    }

    public ClusterStatus status() {
        View view;
        synchronized (lock) {
            view = membership.view();
        }
        var mirror = store.mirror();
        return new ClusterStatus(store.lastSeq(), mirror.keyCount(), mirror.digest(), view);
    }

    public View view() {
        synchronized (lock) {
            return membership.view();
        }
    }

    private Optional<Pending> decidedBefore(TxId txId) {
        Pending p = pending.get(txId);
        if (p != null) return Optional.of(p);
        return store.decisionOf(txId).map(d -> new Pending(d, CompletableFuture.completedFuture(null)));
    }

    private void refuse(String reason) throws DecisionRefusedException {
        log.debug("decide refused: {}", reason);
        throw new DecisionRefusedException(reason, membership.view());
    }

    private void awaitDurable(Pending decided) {
        try {
            decided.durable.get(durableWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the decision log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the decision log failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the decision log did not sync within " + durableWait);
        } finally {
            if (decided.durable.isDone()) {
                synchronized (lock) {
                    pending.remove(decided.decision.txId(), decided);
                }
            }
        }
    }

    private void awaitLeases(long until) {
        if (nanoClock.getAsLong() >= until) return;
        try {
            sleeper.sleepUntil(until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for read leases to run out", e);
        }
    }

    private static int clampPage(int requested) {
        return Math.max(1, Math.min(requested, 10_000));
    }

    private record Pending(Decision decision, CompletableFuture<Void> durable) {}
}
