package dev.kvstore.verify.workload;

import dev.kvstore.api.KVStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Caches one stub per replica port; a stub that failed is forgotten so the next use looks it up
 * again (the replica may have restarted on the same port). Thread-safe.
 */
public final class ReplicaStubs {
    private final IntFunction<KVStore> lookup;
    private final Map<Integer, KVStore> stubs = new ConcurrentHashMap<>();

    /** {@code lookup} finds a replica's stub, bounded in time, and throws when it cannot. */
    public ReplicaStubs(IntFunction<KVStore> lookup) {
        this.lookup = lookup;
    }

    /** The cached stub, or a new one looked up now (outside any lock: a lookup may wait for its deadline). */
    public KVStore stub(int port) {
        KVStore cached = stubs.get(port);
        if (cached != null) return cached;
        KVStore found = lookup.apply(port);
        KVStore raced = stubs.putIfAbsent(port, found);
        return raced != null ? raced : found;
    }

    public void forget(int port) {
        stubs.remove(port);
    }
}
