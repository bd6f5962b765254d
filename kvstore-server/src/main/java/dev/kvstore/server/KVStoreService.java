package dev.kvstore.server;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.txn.Proposer;
import dev.kvstore.server.txn.RequestLimits;
import dev.kvstore.server.txn.WriteForwarding;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a client can ask of a replica: validate, check that the replica serves, then read locally,
 * or propose the write here or have the write leader propose it ({@link WriteForwarding}).
 * Thread-safe.
 */
public final class KVStoreService {
    private final ReplicaNode node;
    private final Proposer proposer;
    private final RequestLimits limits;
    private final BooleanSupplier coordinatorReachable;
    private final long readWaitNanos;
    private final WriteForwarding forwarding;

    /**
     * @param readWait how long a GET may wait for a prepared transaction holding its key to
     *     commit or abort before it answers unavailable
     */
    public KVStoreService(ReplicaNode node, Proposer proposer, RequestLimits limits, BooleanSupplier coordinatorReachable,
            java.time.Duration readWait) {
        this(node, proposer, limits, coordinatorReachable, readWait, WriteForwarding.off(node.self()));
    }

    /** Like the other constructor, for a replica that forwards writes as {@code forwarding} says. */
    public KVStoreService(ReplicaNode node, Proposer proposer, RequestLimits limits, BooleanSupplier coordinatorReachable,
            java.time.Duration readWait, WriteForwarding forwarding) {
        this.forwarding = forwarding;
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
        write(List.of(Write.put(key, value)));
    }

    public boolean delete(String key) throws KVException {
        limits.checkKey(key);
        requireWritable();
        return write(List.of(Write.delete(key)));
    }

    /**
     * Proposes a write that another replica received and forwarded, here and never further. A
     * write this replica cannot take now, or that certainly committed nowhere, is declined: the
     * sender then proposes it itself.
     */
    public ForwardReply proposeForwarded(List<Write> writes) {
        try {
            limits.checkWrites(writes);
            requireWritable();
            return ForwardReply.committed(proposeHere(writes));
        } catch (TransactionAbortedException aborted) {
            return ForwardReply.aborted(aborted.txId(), aborted.reason());
        } catch (UnavailableException unavailable) {
            return unavailable.outcomeUnknown()
                    ? ForwardReply.outcomeUnknown(unavailable.reason())
                    : ForwardReply.declined(unavailable.reason());
        } catch (KVException refused) {
            return ForwardReply.declined(refused.getMessage());
        }
    }

    public ReplicaStatus status() {
        return node.status();
    }

    /** Commits {@code writes} and returns whether a single deleted key held a live value before. */
    private boolean write(List<Write> writes) throws TransactionAbortedException, UnavailableException {
        ReplicaId leader = forwarding.arrived();
        try {
            if (leader != null) {
                ForwardReply reply = forwarding.forward(leader, writes);
                if (!reply.declined()) return reply.presentBeforeOrThrow();
            }
            return proposeHere(writes);
        } finally {
            forwarding.finished();
        }
    }

    private boolean proposeHere(List<Write> writes) throws TransactionAbortedException, UnavailableException {
        if (writes.size() == 1 && writes.get(0).isDelete()) {
            String key = writes.get(0).key();
            return proposer.propose(writes, () -> node.isPresent(key)).readWhileLocked();
        }
        proposer.propose(writes);
        return false;
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
