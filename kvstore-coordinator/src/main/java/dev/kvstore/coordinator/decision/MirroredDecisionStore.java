package dev.kvstore.coordinator.decision;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.coordinator.log.DecisionStore;
import dev.kvstore.server.store.VersionedStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A durable store with an in-memory copy of its committed data beside it, updated only after an
 * append is durable. The copy gives the coordinator the same key count and digest a replica
 * reports, without scanning the disk. Thread-safe as the store it wraps.
 */
public final class MirroredDecisionStore implements DecisionStore {
    private final DecisionStore durable;
    private final VersionedStore mirror = new VersionedStore();

    public MirroredDecisionStore(DecisionStore durable) {
        this.durable = durable;
        durable.forEachEntry(e -> mirror.apply(e.key(), e.value(), e.seq()));
    }

    public VersionedStore mirror() {
        return mirror;
    }

    @Override
    public long lastSeq() {
        return durable.lastSeq();
    }

    @Override
    public void append(List<Decision> decisions) {
        durable.append(decisions);
        for (Decision d : decisions) {
            for (Write w : d.writes()) mirror.apply(w.key(), w.value(), d.seq());
        }
    }

    @Override
    public void recordAborted(TxId txId) {
        durable.recordAborted(txId);
    }

    @Override
    public boolean isAborted(TxId txId) {
        return durable.isAborted(txId);
    }

    @Override
    public Optional<Decision> decisionOf(TxId txId) {
        return durable.decisionOf(txId);
    }

    @Override
    public List<Decision> decisionsAfter(long afterSeq, int max) {
        return durable.decisionsAfter(afterSeq, max);
    }

    @Override
    public List<SnapshotEntry> entriesAfter(String afterKey, int max) {
        return durable.entriesAfter(afterKey, max);
    }

    @Override
    public boolean appendEntriesAfter(String afterKey, int max, SnapshotChunk.Builder page) {
        return durable.appendEntriesAfter(afterKey, max, page);
    }

    @Override
    public void forEachEntry(Consumer<SnapshotEntry> action) {
        durable.forEachEntry(action);
    }

    @Override
    public void close() {
        durable.close();
    }
}
