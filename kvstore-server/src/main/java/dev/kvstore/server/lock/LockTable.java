package dev.kvstore.server.lock;

import dev.kvstore.api.protocol.TxId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key locks held by prepared transactions, in two modes. Any number of blind writes may
 * share a key: each is applied at the seq the coordinator gives it, and a replica skips a write
 * older than the key's version, so every replica ends with the write of the highest seq
 * whatever order their commits arrive in. A transaction that reads what it overwrites holds the
 * key alone. Locking never waits: a key held in a conflicting mode fails the whole request,
 * which becomes an ABORT vote.
 *
 * <p>Locking and unlocking are not thread-safe (the replica calls them under one lock);
 * {@link #isLocked} may be called from any thread, so reads can check a key without that lock.
 */
public final class LockTable {
    /** How a transaction holds its keys. */
    public enum Mode {
        /** Shared with other blind writes; excludes any exclusive holder. */
        SHARED,
        /** Alone: for a transaction whose outcome depends on what the keys hold. */
        EXCLUSIVE
    }

    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /**
     * Locks every key for {@code txId} in {@code mode}, or none. Returns the first key held in a
     * conflicting mode by another transaction, or empty when all are now held by {@code txId}
     * (re-locking one's own keys succeeds).
     */
    public Optional<String> tryLockAll(TxId txId, Collection<String> keys, Mode mode) {
        for (String key : keys) {
            Hold hold = holds.get(key);
            if (hold != null && !hold.admits(txId, mode)) return Optional.of(key);
        }
        for (String key : keys) {
            if (mode == Mode.EXCLUSIVE) {
                holds.put(key, Hold.of(txId, true));
                continue;
            }
            Hold hold = holds.get(key);
            if (hold == null) {
                holds.put(key, Hold.of(txId, false));
            } else {
                hold.share(txId); // a key this transaction already holds alone stays so
            }
        }
        return Optional.empty();
    }

    /** Releases those of {@code keys} that {@code txId} holds. */
    public void unlockAll(TxId txId, Collection<String> keys) {
        for (String key : keys) {
            Hold hold = holds.get(key);
            if (hold != null && hold.release(txId)) holds.remove(key, hold);
        }
    }

    public boolean isLocked(String key) {
        return holds.containsKey(key);
    }

    /** The transactions holding {@code key}, in either mode. Call it under the replica's lock. */
    public Set<TxId> holdersOf(String key) {
        Hold hold = holds.get(key);
        return hold == null ? Set.of() : hold.holders();
    }

    public int size() {
        return holds.size();
    }

    /** The holders of one key: one exclusive holder, or any number of sharers. */
    private static final class Hold {
        private final boolean exclusive;
        private final Set<TxId> holders = new HashSet<>(4);

        private Hold(boolean exclusive) {
            this.exclusive = exclusive;
        }

        static Hold of(TxId txId, boolean exclusive) {
            Hold hold = new Hold(exclusive);
            hold.holders.add(txId);
            return hold;
        }

        /** Whether {@code txId} may take this key in {@code mode}. */
        boolean admits(TxId txId, Mode mode) {
            boolean soleHolder = holders.size() == 1 && holders.contains(txId);
            return exclusive ? soleHolder : mode == Mode.SHARED || soleHolder;
        }

        void share(TxId txId) {
            if (!exclusive) holders.add(txId);
        }

        /** Releases {@code txId}'s hold; returns whether nobody holds the key any more. */
        boolean release(TxId txId) {
            holders.remove(txId);
            return holders.isEmpty();
        }

        Set<TxId> holders() {
            return Set.copyOf(holders);
        }
    }
}
