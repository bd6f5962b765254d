package dev.kvstore.server.txn;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.lock.LockTable;
import dev.kvstore.server.store.AppliedSeqs;
import dev.kvstore.server.store.VersionedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The participant side of two-phase commit: locks keys on prepare (shared among puts, alone for
 * a delete; see {@link #lockMode}), applies on commit, releases on abort, and names the
 * transactions that stayed prepared too long so that someone asks the coordinator their outcome.
 * Every message is idempotent per transaction. Not thread-safe: the replica calls it under one
 * lock. Reads the injected monotonic clock, never the system clock.
 */
public final class ParticipantCore {
    /** How a transaction this participant knew of ended; remembered so late duplicates are harmless. */
    public enum Finished { COMMITTED, ABORTED }

    private static final int REMEMBERED_FINISHED = 100_000;
    // Room for 100,000 of our own ids (about 30 characters each); 32,768 at the longest allowed.
    private static final int REMEMBERED_ID_CHARS = 1 << 22;

    private final VersionedStore store;
    private final AppliedSeqs applied;
    private final RequestLimits limits;
    private final LongSupplier nanoClock;
    private final long inDoubtAfterNanos;
    private final LockTable locks = new LockTable();
    private final Map<TxId, Prepared> prepared = new HashMap<>();
    private final FinishedTransactions finished = new FinishedTransactions(REMEMBERED_FINISHED, REMEMBERED_ID_CHARS);

    public ParticipantCore(
            VersionedStore store, AppliedSeqs applied, RequestLimits limits, LongSupplier nanoClock, Duration inDoubtAfter) {
        this.store = store;
        this.applied = applied;
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.inDoubtAfterNanos = inDoubtAfter.toNanos();
    }

    /** Votes COMMIT after locking every key, or ABORT naming the reason; an ABORT locks nothing. */
    public Vote onPrepare(Prepare prepare) {
        TxId txId = prepare.txId();
        if (prepared.containsKey(txId)) return Vote.yes();
        Finished done = finished.outcomeOf(txId);
        if (done == Finished.ABORTED) return Vote.no("transaction " + txId + " was already aborted here");
        if (done == Finished.COMMITTED) return Vote.yes();
        try {
            limits.checkWrites(prepare.writes());
        } catch (InvalidRequestException e) {
            return Vote.no("invalid request: " + e.getMessage());
        }
        List<String> keys = keysOf(prepare.writes());
        Optional<String> conflict = locks.tryLockAll(txId, keys, lockMode(prepare.writes()));
        if (conflict.isPresent()) {
            return Vote.no("key '" + conflict.get() + "' is locked by another transaction");
        }
        long now = nanoClock.getAsLong();
        prepared.put(txId, new Prepared(prepare.writes(), keys, now, now));
        return Vote.yes();
    }

    /** Applies a prepared transaction at {@code seq}. Returns false when it is not prepared here (already done, or never seen). */
    public boolean onCommit(TxId txId, long seq) {
        Prepared p = prepared.remove(txId);
        if (p == null) return false;
        applyWrites(p.writes(), seq);
        locks.unlockAll(txId, p.keys());
        finished.remember(txId, Finished.COMMITTED);
        return true;
    }

    /** Releases a prepared transaction; remembers the abort so that a late prepare votes ABORT. */
    public void onAbort(TxId txId) {
        Prepared p = prepared.remove(txId);
        if (p != null) locks.unlockAll(txId, p.keys());
        finished.rememberIfAbsent(txId, Finished.ABORTED);
    }

    /**
     * Applies a committed decision learnt from the coordinator (catch-up, join or an outcome),
     * whether or not it was prepared here, and releases its locks if it was.
     */
    public void onDecision(Decision decision) {
        Prepared p = prepared.remove(decision.txId());
        if (p != null) locks.unlockAll(decision.txId(), p.keys());
        applyWrites(decision.writes(), decision.seq());
        finished.remember(decision.txId(), Finished.COMMITTED);
    }

    /**
     * The prepared transactions that have waited longer than the in-doubt timeout for a decision
     * since they were prepared or last asked about. Each is returned at most once per timeout, so
     * the caller asks the coordinator and either learns the outcome or asks again later.
     */
    public List<TxId> onTick() {
        long now = nanoClock.getAsLong();
        List<TxId> due = new ArrayList<>();
        for (Map.Entry<TxId, Prepared> e : prepared.entrySet()) {
            Prepared p = e.getValue();
            if (now - p.lastAskedAt() >= inDoubtAfterNanos) {
                due.add(e.getKey());
                e.setValue(p.askedAt(now));
            }
        }
        return due;
    }

    /** Whether a prepared transaction holds {@code key}. Safe to call without the replica's lock. */
    public boolean isLocked(String key) {
        return locks.isLocked(key);
    }

    public int preparedCount() {
        return prepared.size();
    }

    public Optional<Finished> finishedAs(TxId txId) {
        return Optional.ofNullable(finished.outcomeOf(txId));
    }

    public long watermark() {
        return applied.watermark();
    }

    private void applyWrites(List<Write> writes, long seq) {
        for (Write w : writes) store.apply(w.key(), w.value(), seq);
        applied.add(seq);
    }

    /**
     * Puts are blind writes: concurrent ones commute, since each replica keeps the one with the
     * highest seq, so they share their keys. A delete reports whether the key was there, read by
     * its proposer under its locks, so it holds its keys alone.
     */
    static LockTable.Mode lockMode(List<Write> writes) {
        for (Write w : writes) {
            if (w.isDelete()) return LockTable.Mode.EXCLUSIVE;
        }
        return LockTable.Mode.SHARED;
    }

    private static List<String> keysOf(List<Write> writes) {
        List<String> keys = new ArrayList<>(writes.size());
        for (Write w : writes) keys.add(w.key());
        return keys;
    }

    private record Prepared(List<Write> writes, List<String> keys, long preparedAt, long lastAskedAt) {
        Prepared askedAt(long now) {
            return new Prepared(writes, keys, preparedAt, now);
        }
    }
}
