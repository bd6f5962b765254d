package dev.kvstore.server;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.txn.Proposer;
import dev.kvstore.server.txn.RequestLimits;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a client can ask of a replica: validate, check that the replica serves, then read locally
 * or propose the write. Thread-safe.
 */
public final class KVStoreService {
    private final ReplicaNode node;
    private final Proposer proposer;
    private final RequestLimits limits;
    private final BooleanSupplier coordinatorReachable;
    private final long readWaitNanos;

    /**
     * @param readWait how long a GET may wait for a prepared transaction holding its key to
     *     commit or abort before it answers unavailable
     */
    public KVStoreService(ReplicaNode node, Proposer proposer, RequestLimits limits, BooleanSupplier coordinatorReachable,
            java.time.Duration readWait) {
        this.readWaitNanos = readWait.toNanos();
        this.node = node;
        this.proposer = proposer;
        this.limits = limits;
        this.coordinatorReachable = coordinatorReachable;
    }

    public String get(String key) throws KVException {
        limits.checkKey(key);
        requireServing();
        if (!node.holdsLease()) {
            // Without a lease the coordinator may already have committed writes without us.
            throw new UnavailableException("replica " + node.self().port()
                    + " holds no read lease (it has not heard from the coordinator lately)");
        }
        return node.read(key, readWaitNanos);
    }

    public void put(String key, String value) throws KVException {
        limits.checkKey(key);
        limits.checkValue(value);
        requireWritable();
        proposer.propose(List.of(Write.put(key, value)));
    }

    public boolean delete(String key) throws KVException {
        limits.checkKey(key);
        requireWritable();
        return proposer.propose(List.of(Write.delete(key)), () -> node.isPresent(key)).readWhileLocked();
    }

    public ReplicaStatus status() {
        return node.status();
    }

    private void requireServing() throws UnavailableException {
        ReplicaState state = node.state();
        if (!state.serves()) {
            throw new UnavailableException("replica " + node.self().port() + " is " + describe(state));
        }
    }

    private void requireWritable() throws UnavailableException, InvalidRequestException {
        requireServing();
        if (!coordinatorReachable.getAsBoolean()) {
            throw new UnavailableException("the coordinator cannot be reached; writes are refused until it answers");
        }
    }

    private static String describe(ReplicaState state) {
        return switch (state) {
            case STARTING -> "starting";
            case CATCHING_UP -> "catching up";
            case DOWN -> "down (it will catch up and serve again)";
            case UP -> "up";
        };
    }
}
