package dev.kvstore.client;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import java.rmi.RemoteException;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A replica's KVStore in memory: a map (shareable between fakes, as a committed store is), a
 * state, a view, and a queue of failures the next calls throw. Serves only when UP, like a real
 * replica. Thread-safe.
 */
public final class FakeKVStore implements KVStore {
    /** Runs inside a call before it touches the store, e.g. to block it. */
    @FunctionalInterface
    public interface Hook {
        void before(String operation, String key) throws RemoteException;
    }

    private final ReplicaId replica;
    private final Map<String, String> store;
    private final Deque<Exception> failures = new ConcurrentLinkedDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile ReplicaState state = ReplicaState.UP;
    private volatile Supplier<List<MemberStatus>> view = List::of;
    private volatile Hook hook = (operation, key) -> {};
    private volatile boolean refusing;

    public FakeKVStore(ReplicaId replica) {
        this(replica, new ConcurrentHashMap<>());
    }

    public FakeKVStore(ReplicaId replica, Map<String, String> store) {
        this.replica = replica;
        this.store = store;
    }

    /** The next calls throw these, one each, in order. */
    public FakeKVStore failNext(Exception... next) {
        failures.addAll(List.of(next));
        return this;
    }

    public FakeKVStore state(ReplicaState newState) {
        this.state = newState;
        return this;
    }

    public FakeKVStore view(Supplier<List<MemberStatus>> newView) {
        this.view = newView;
        return this;
    }

    public FakeKVStore hook(Hook newHook) {
        this.hook = newHook;
        return this;
    }

    /** While refusing, every call fails as on a closed port, as a stopped replica's stubs do. */
    public FakeKVStore refuseConnections(boolean refuse) {
        this.refusing = refuse;
        return this;
    }

    /** get, put and delete calls so far. */
    public int calls() {
        return calls.get();
    }

    public Map<String, String> store() {
        return store;
    }

    @Override
    public String get(String key) throws RemoteException, KVException {
        enter("get", key);
        return store.get(key);
    }

    @Override
    public String[] getMany(String[] keys) throws RemoteException, KVException {
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) values[i] = get(keys[i]);
        return values;
    }

    @Override
    public void put(String key, String value) throws RemoteException, KVException {
        enter("put", key);
        store.put(key, value);
    }

    @Override
    public boolean delete(String key) throws RemoteException, KVException {
        enter("delete", key);
        return store.remove(key) != null;
    }

    @Override
    public ReplicaStatus status() throws RemoteException {
        if (refusing) throw FakeConnector.refused(replica);
        return new ReplicaStatus(replica, state, store.size(), store.size(), "d1g35t", 1, view.get());
    }

    private void enter(String operation, String key) throws RemoteException, KVException {
        if (refusing) throw FakeConnector.refused(replica);
        calls.incrementAndGet();
        hook.before(operation, key);
        Exception next = failures.poll();
        if (next instanceof RemoteException remote) throw remote;
        if (next instanceof KVException kv) throw kv;
        if (next instanceof RuntimeException runtime) throw runtime;
        if (!state.serves()) {
            throw new UnavailableException("replica " + replica.port() + " is " + state.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (key.isEmpty()) throw new InvalidRequestException("the key is empty");
    }
}
