package dev.kvstore.client;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.shell.Session;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Replicas in memory that share one committed store, each with a state that every replica's view
 * reports, and that can go down and come back. Not a model of 2PC: enough to drive clients and
 * scripts through the states a real cluster goes through. Thread-safe.
 */
public final class InMemoryCluster {
    private final Map<String, String> store = new ConcurrentHashMap<>();
    private final Map<ReplicaId, FakeKVStore> replicas = new LinkedHashMap<>();
    private final Map<ReplicaId, ReplicaState> states = new ConcurrentHashMap<>();
    private final FakeConnector connector = new FakeConnector();

    public InMemoryCluster(int... ports) {
        for (int port : ports) {
            ReplicaId id = new ReplicaId("127.0.0.1", port);
            FakeKVStore replica = new FakeKVStore(id, store).view(this::view);
            replicas.put(id, replica);
            states.put(id, ReplicaState.UP);
            connector.add(id, replica);
        }
    }

    public static ReplicaId replica(int port) {
        return new ReplicaId("127.0.0.1", port);
    }

    public FakeKVStore replica(ReplicaId id) {
        return replicas.get(id);
    }

    public Map<String, String> store() {
        return store;
    }

    /** The process stops: its port refuses connections and the view says DOWN. */
    public void down(ReplicaId id) {
        connector.down(id);
        set(id, ReplicaState.DOWN);
    }

    /** The process is back and catching up: it answers, but serves nothing yet. */
    public void restart(ReplicaId id) {
        set(id, ReplicaState.CATCHING_UP);
        connector.up(id);
    }

    public void up(ReplicaId id) {
        set(id, ReplicaState.UP);
    }

    /** Opens sessions on these replicas, with aborts retried at once and calls bounded by {@code timeout}. */
    public Function<List<ReplicaId>, Session> sessions(Duration timeout) {
        return ids -> new Session(new ClientConfig(ids, timeout, RetryPolicy.DEFAULT),
                config -> new KVStoreClient(config, connector, new RecordingSleeper(), new Random(1)));
    }

    private void set(ReplicaId id, ReplicaState state) {
        states.put(id, state);
        replicas.get(id).state(state);
    }

    private List<MemberStatus> view() {
        return replicas.keySet().stream().map(id -> new MemberStatus(id, states.get(id), store.size(), -1)).toList();
    }
}
