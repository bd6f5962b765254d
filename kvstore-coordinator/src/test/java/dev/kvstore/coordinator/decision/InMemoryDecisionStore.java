package dev.kvstore.coordinator.decision;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.coordinator.log.DecisionStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link DecisionStore} in memory: "durable" once a method returns. Checks the store's contract as
 * {@code RocksDecisionStore} does (contiguous seqs, a tx commits once, never both committed and
 * aborted), so a caller that breaks it fails loudly. Thread-safe (every method is synchronized);
 * not final, so a test can override {@link #append} to gate or fail it.
 */
class InMemoryDecisionStore implements DecisionStore {
    private final NavigableMap<Long, Decision> decisions = new TreeMap<>();
    private final Map<TxId, Long> seqOfTx = new HashMap<>();
    /** Key to (value or null for a tombstone, seq), in key order. */
    private final NavigableMap<String, SnapshotEntry> entries = new TreeMap<>();
    private final Set<TxId> aborted = new HashSet<>();
    private int appends;
    private boolean closed;

    @Override
    public synchronized long lastSeq() {
        return decisions.isEmpty() ? 0 : decisions.lastKey();
    }

    @Override
    public synchronized void append(List<Decision> batch) {
        long expected = lastSeq() + 1;
        Set<TxId> batchTxIds = new HashSet<>();
        for (Decision d : batch) {
            if (d.seq() != expected++) {
                throw new IllegalArgumentException("decisions must continue the log at seq " + (expected - 1) + ", got " + d.seq());
            }
            if (!batchTxIds.add(d.txId()) || seqOfTx.containsKey(d.txId())) {
                throw new IllegalStateException("Transaction " + d.txId() + " is already committed.");
            }
            if (aborted.contains(d.txId())) throw new IllegalStateException("Transaction " + d.txId() + " was decided ABORT.");
        }
        for (Decision d : batch) {
            decisions.put(d.seq(), d);
            seqOfTx.put(d.txId(), d.seq());
            for (Write w : d.writes()) {
                SnapshotEntry current = entries.get(w.key());
                // Versioned apply: a key never moves backwards; of two writes in one decision the first wins.
                if (current == null || d.seq() > current.seq()) entries.put(w.key(), new SnapshotEntry(w.key(), w.value(), d.seq()));
            }
        }
        appends++;
    }

    @Override
    public synchronized void recordAborted(TxId txId) {
        if (seqOfTx.containsKey(txId)) throw new IllegalStateException("Transaction " + txId + " is committed; it cannot abort.");
        aborted.add(txId);
    }

    @Override
    public synchronized boolean isAborted(TxId txId) {
        return aborted.contains(txId);
    }

    @Override
    public synchronized Optional<Decision> decisionOf(TxId txId) {
        return Optional.ofNullable(seqOfTx.get(txId)).map(decisions::get);
    }

    @Override
    public synchronized List<Decision> decisionsAfter(long afterSeq, int max) {
        if (max < 1) throw new IllegalArgumentException("max is positive: " + max);
        return decisions.tailMap(afterSeq, false).values().stream().limit(max).toList();
    }

    @Override
    public synchronized List<SnapshotEntry> entriesAfter(String afterKey, int max) {
        if (max < 1) throw new IllegalArgumentException("max is positive: " + max);
        var tail = afterKey == null ? entries : entries.tailMap(afterKey, false);
        return tail.values().stream().limit(max).toList();
    }

    @Override
    public synchronized void forEachEntry(Consumer<SnapshotEntry> action) {
        new ArrayList<>(entries.values()).forEach(action);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** How many appends (fsyncs) succeeded. */
    synchronized int appends() {
        return appends;
    }

    synchronized boolean closed() {
        return closed;
    }
}
