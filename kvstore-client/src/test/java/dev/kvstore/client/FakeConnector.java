package dev.kvstore.client;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.RemoteCalls;
import java.rmi.ConnectException;
import java.rmi.NotBoundException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Looks replicas up in memory. A replica marked down refuses connections, both at lookup and on
 * calls through stubs handed out earlier, as a stopped process does. Thread-safe.
 */
public final class FakeConnector implements ReplicaConnector {
    private final Map<ReplicaId, FakeKVStore> replicas = new ConcurrentHashMap<>();
    private final Set<ReplicaId> down = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lookups = new AtomicInteger();

    public FakeConnector add(ReplicaId replica, FakeKVStore store) {
        replicas.put(replica, store);
        return this;
    }

    /** The replica stops: lookups and calls through stubs handed out earlier are refused. */
    public void down(ReplicaId replica) {
        down.add(replica);
        FakeKVStore store = replicas.get(replica);
        if (store != null) store.refuseConnections(true);
    }

    /** The replica's port answers again. */
    public void up(ReplicaId replica) {
        down.remove(replica);
        FakeKVStore store = replicas.get(replica);
        if (store != null) store.refuseConnections(false);
    }

    public int lookups() {
        return lookups.get();
    }

    @Override
    public KVStore lookup(ReplicaId replica, RemoteCalls calls) throws ConnectException, NotBoundException {
        lookups.incrementAndGet();
        if (down.contains(replica)) throw refused(replica);
        KVStore store = replicas.get(replica);
        if (store == null) throw new NotBoundException("KVStore");
        return store;
    }

    static ConnectException refused(ReplicaId replica) {
        return new ConnectException("Connection refused to host: " + replica.host(), new java.net.ConnectException("Connection refused"));
    }
}
