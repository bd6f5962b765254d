package dev.kvstore.server;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.Abort;
import dev.kvstore.api.protocol.Commit;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.PeerMessage;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.server.store.AppliedSeqs;
import dev.kvstore.server.store.VersionedStore;
import dev.kvstore.server.txn.ParticipantCore;
import dev.kvstore.server.txn.Proposer;
import dev.kvstore.server.txn.RequestLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One replica's state: its store, its participant, its lifecycle state and its view of the
 * cluster. Thread-safe: the participant and the watermark are guarded by one lock; reads of the
 * store take none. Makes no remote calls.
 */
public final class ReplicaNode implements Proposer.ViewSource {
    private static final Logger log = LoggerFactory.getLogger(ReplicaNode.class);

    private final ReplicaId self;
    private final VersionedStore store = new VersionedStore();
    private final AppliedSeqs applied = new AppliedSeqs();
    private final ParticipantCore participant;
    private final Object lock = new Object();
    private final Lease lease;
    private final LongSupplier nanoClock;

    private volatile ReplicaState state = ReplicaState.STARTING;
    private volatile View view = View.EMPTY;
    // The epoch at which the coordinator accepted us as UP: older heartbeat replies must not demote us.
    private volatile long upSinceEpoch = Long.MAX_VALUE;
    private volatile boolean snapshotLoaded;

    public ReplicaNode(ReplicaId self, RequestLimits limits, LongSupplier nanoClock, Duration inDoubtAfter) {
        this.self = self;
        this.nanoClock = nanoClock;
        this.lease = new Lease(nanoClock);
        this.participant = new ParticipantCore(store, applied, limits, nanoClock, inDoubtAfter);
    }

    public ReplicaId self() {
        return self;
    }

    public ReplicaState state() {
        return state;
    }

    /** Whether this replica may answer reads now: it is UP and holds a valid read lease. */
    public boolean holdsLease() {
        return lease.isValid();
    }

    /**
     * The local value of {@code key}, once no prepared transaction holds it. A prepared
     * transaction may already be committed and visible on another replica, so answering with
     * the value it replaces could let a client read a write and then, on this replica, read
     * back past it. The read waits up to {@code maxWaitNanos} for the transaction to commit or
     * abort here, then gives up. Callers check {@link #state()} and {@link #holdsLease()} first.
     */
    public String read(String key, long maxWaitNanos) throws UnavailableException {
        if (!participant.isLocked(key)) return store.get(key); // unlocking follows applying
        long deadline = nanoClock.getAsLong() + maxWaitNanos;
        synchronized (lock) {
            while (participant.isLocked(key)) {
                long remaining = deadline - nanoClock.getAsLong();
                if (remaining <= 0) {
                    throw new UnavailableException("key '" + key + "' is held by a transaction whose outcome replica "
                            + self.port() + " does not know yet; try again");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UnavailableException("interrupted while waiting for key '" + key + "'");
                }
            }
            return store.get(key);
        }
    }

    /**
     * The local value of {@code key} (null when absent) if no prepared transaction holds it, else
     * {@code whenHeld}: {@link #read} without the wait. Callers check {@link #state()} and
     * {@link #holdsLease()} first.
     */
    public String readIfFree(String key, String whenHeld) {
        return participant.isLocked(key) ? whenHeld : store.get(key); // unlocking follows applying
    }

    /** Whether {@code key} has a live value, read by the proposer that holds its lock. */
    public boolean isPresent(String key) {
        return storedValue(key) != null;
    }

    /** What the local store holds for {@code key}, whatever transaction holds it: never an answer to a client. */
    public String storedValue(String key) {
        return store.get(key);
    }

    // ---- participant ----

    /**
     * Handles a proposer's batch in order under one lock: one answer per message, the vote for a
     * prepare and {@link Vote#yes()} for a commit or an abort.
     */
    public List<Vote> deliver(List<PeerMessage> messages) {
        List<Vote> answers = new ArrayList<>(messages.size());
        synchronized (lock) {
            boolean released = false;
            for (PeerMessage message : messages) {
                try (var ignored = MDC.putCloseable("tx", message.txId().value())) {
                    answers.add(handleLocked(message));
                }
                released |= !(message instanceof Prepare);
            }
            if (released) lock.notifyAll(); // reads waiting for these keys
        }
        return answers;
    }

    /** The local participant's prepare, in the proposer's own transaction context. */
    public Vote prepare(Prepare prepare) {
        synchronized (lock) {
            return handleLocked(prepare);
        }
    }

    /** The local participant's commit, in the proposer's own transaction context. */
    public void commit(TxId txId, long seq) {
        synchronized (lock) {
            handleLocked(new Commit(txId, seq));
            lock.notifyAll(); // reads waiting for these keys
        }
    }

    /** The local participant's abort, in the proposer's own transaction context. */
    public void abort(TxId txId) {
        synchronized (lock) {
            handleLocked(new Abort(txId));
            lock.notifyAll();
        }
    }

    private Vote handleLocked(PeerMessage message) {
        if (message instanceof Prepare prepare) return participant.onPrepare(prepare);
        if (message instanceof Commit commit) {
            if (!participant.onCommit(commit.txId(), commit.seq())) {
                log.debug("commit at seq {} for a transaction not prepared here", commit.seq());
            }
        } else if (message instanceof Abort abort) {
            participant.onAbort(abort.txId());
        }
        return Vote.yes();
    }

    public void applyDecision(Decision decision) {
        synchronized (lock) {
            participant.onDecision(decision);
            lock.notifyAll();
        }
    }

    /** Prepared transactions that waited too long for a decision; ask the coordinator about them. */
    public List<TxId> inDoubt() {
        synchronized (lock) {
            return participant.onTick();
        }
    }

    public long watermark() {
        synchronized (lock) {
            return applied.watermark();
        }
    }

    // ---- recovery ----

    public boolean snapshotLoaded() {
        return snapshotLoaded;
    }

    public void applySnapshotEntry(SnapshotEntry entry) {
        store.apply(entry.key(), entry.value(), entry.seq());
    }

    /** Before loading a snapshot into an empty store: room for about {@code expectedKeys}. */
    public void prepareForSnapshot(long expectedKeys) {
        synchronized (lock) { // commits and decisions apply under this lock: none races the new table
            if (!snapshotLoaded) store.presize(expectedKeys);
        }
    }

    /** Applies a snapshot page, entry by entry, with versioned apply. */
    public void applySnapshot(SnapshotChunk chunk) {
        chunk.forEach(store::apply);
    }

    /** The snapshot is loaded: everything up to {@code seq} is in the store. */
    public void finishSnapshot(long seq) {
        synchronized (lock) {
            applied.advanceTo(seq);
        }
        snapshotLoaded = true;
    }

    // ---- lifecycle ----

    /** Stops serving and begins (again) to load what it lacks. */
    public void becomeCatchingUp() {
        lease.revoke();
        transition(ReplicaState.CATCHING_UP);
        upSinceEpoch = Long.MAX_VALUE;
    }

    /** The coordinator accepted the join at {@code joinedView}'s epoch; serve from now on. */
    public void becomeUp(View joinedView) {
        becomeUp(joinedView, nanoClock.getAsLong(), 0);
    }

    /** Like {@link #becomeUp(View)}, with the first read lease the join granted, counted from {@code sentAtNanos}. */
    public void becomeUp(View joinedView, long sentAtNanos, long leaseMillis) {
        lease.renew(sentAtNanos, leaseMillis);
        updateView(joinedView);
        upSinceEpoch = joinedView.epoch();
        transition(ReplicaState.UP);
    }

    /** Takes in a heartbeat reply as if the heartbeat had been sent just now. */
    public boolean onHeartbeatReply(HeartbeatReply reply) {
        return onHeartbeatReply(reply, nanoClock.getAsLong());
    }

    /**
     * Takes in the reply to a heartbeat sent at {@code sentAtNanos}: renews the read lease it
     * grants, and returns true when the coordinator no longer counts this UP replica as UP: it
     * must stop serving and catch up.
     */
    public boolean onHeartbeatReply(HeartbeatReply reply, long sentAtNanos) {
        updateView(reply.view());
        if (reply.state() == ReplicaState.UP) lease.renew(sentAtNanos, reply.leaseMillis());
        if (state == ReplicaState.UP && reply.state() != ReplicaState.UP && reply.view().epoch() >= upSinceEpoch) {
            lease.revoke();
            log.warn("the coordinator holds this replica as {} at epoch {}; stop serving and catch up",
                    reply.state(), reply.view().epoch());
            transition(ReplicaState.DOWN);
            return true;
        }
        return false;
    }

    @Override
    public View current() {
        return view;
    }

    @Override
    public void update(View newer) {
        updateView(newer);
    }

    public ReplicaStatus status() {
        View v = view;
        return new ReplicaStatus(self, state, watermark(), store.keyCount(), store.digest(), v.epoch(), v.members());
    }

    private void updateView(View newer) {
        synchronized (lock) {
            if (newer.epoch() >= view.epoch()) view = newer;
        }
    }

    private void transition(ReplicaState next) {
        ReplicaState previous;
        synchronized (lock) {
            previous = state;
            state = next;
        }
        if (previous != next) log.info("replica {} changes state from {} to {}", self, previous, next);
    }
}
