package dev.kvstore.coordinator.log;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The coordinator's durable committed copy: the decision log, the committed store, the aborted tx ids.
 * Thread-safe. Every method that changes it returns only once the change is on disk (fsync); a
 * failed disk write throws {@link StorageFailure}.
 */
public interface DecisionStore extends AutoCloseable {
    /** Highest durable seq (0 when empty); after open, recovered from disk. */
    long lastSeq();

    /**
     * Appends decisions (contiguous seqs, ascending, first == lastSeq()+1) and applies their writes to the committed
     * store with versioned apply (a write applies to a key only if its seq is greater than the key's current seq; a delete
     * leaves a tombstone with its seq), all as one atomic step, on disk (fsync) when this returns.
     */
    void append(List<Decision> decisions);

    /** Durably records that txId was decided ABORT (sync write). */
    void recordAborted(TxId txId);

    boolean isAborted(TxId txId);

    /** The committed decision of txId, if any. */
    Optional<Decision> decisionOf(TxId txId);

    /** Decisions with seq greater than {@code afterSeq}, at most {@code max} of them, in seq order. */
    List<Decision> decisionsAfter(long afterSeq, int max);

    /**
     * The committed store in key order, keys strictly greater than afterKey (null = from the first key), at most
     * {@code max} entries; tombstones included (value == null).
     */
    List<SnapshotEntry> entriesAfter(String afterKey, int max);

    /**
     * Adds the entries after {@code afterKey} (null = from the first key) to {@code page}, in key order and
     * tombstones included, until it holds {@code max} entries or {@link SnapshotChunk.Builder#isFull is full}.
     * Returns whether the store holds no entry after the last one added.
     */
    default boolean appendEntriesAfter(String afterKey, int max, SnapshotChunk.Builder page) {
        List<SnapshotEntry> entries = entriesAfter(afterKey, max);
        int added = 0;
        while (added < entries.size() && page.count() < max && !page.isFull()) page.add(entries.get(added++));
        return added == entries.size() && entries.size() < max;
    }

    /** The whole store incl. tombstones, in key order, for loading an in-memory mirror at start-up. */
    void forEachEntry(Consumer<SnapshotEntry> action);

    @Override
    void close();
}
