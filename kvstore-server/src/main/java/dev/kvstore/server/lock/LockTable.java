package dev.kvstore.server.lock;

import dev.kvstore.api.protocol.TxId;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-key locks held by prepared transactions. Locking never waits: a key held by another
 * transaction fails the whole request, which becomes an ABORT vote. Locking and unlocking are
 * not thread-safe (the replica calls them under one lock); {@link #isLocked} and
 * {@link #holderOf} may be called from any thread, so reads can check a key without that lock.
 */
public final class LockTable {
    private final Map<String, TxId> holders = new ConcurrentHashMap<>();

    /**
     * Locks every key for {@code txId}, or none. Returns the first key held by another transaction,
     * or empty when all are now held by {@code txId} (re-locking one's own keys succeeds).
     */
    public Optional<String> tryLockAll(TxId txId, Collection<String> keys) {
        for (String key : keys) {
            TxId holder = holders.get(key);
            if (holder != null && !holder.equals(txId)) return Optional.of(key);
        }
        for (String key : keys) holders.put(key, txId);
        return Optional.empty();
    }

    /** Releases those of {@code keys} that {@code txId} holds. */
    public void unlockAll(TxId txId, Collection<String> keys) {
        for (String key : keys) holders.remove(key, txId);
    }

    public boolean isLocked(String key) {
        return holders.containsKey(key);
    }

    public Optional<TxId> holderOf(String key) {
        return Optional.ofNullable(holders.get(key));
    }

    public int size() {
        return holders.size();
    }
}
