package dev.kvstore.server;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
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
import dev.kvstore.server.txn.Completions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client can ask of a replica: validate, check that the replica serves, then read locally,
 * or propose the write here or have the write leader propose it ({@link WriteForwarding}).
 * Thread-safe.
 */
public final class KVStoreService {
    private static final Logger log = LoggerFactory.getLogger(KVStoreService.class);
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
        requireReadable();
        return node.read(key, readWaitNanos);
    }

    /**
     * Reads every key of {@code keys} at once, in order; a key that a prepared transaction holds
     * is answered {@link KVStore#HELD} instead of waited for (see {@link KVStore#getMany}).
     */
    public String[] getMany(String[] keys) throws KVException {
        if (keys == null || keys.length == 0) throw new InvalidRequestException("no keys to read");
        if (keys.length > KVStore.MAX_KEYS_PER_GET_MANY) {
            throw new InvalidRequestException(keys.length + " keys in one read; the limit is " + KVStore.MAX_KEYS_PER_GET_MANY);
        }
        for (String key : keys) limits.checkKey(key);
        requireReadable();
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) values[i] = node.readIfFree(keys[i], KVStore.HELD);
        return values;
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
     * Proposes writes that another replica received and forwarded, each as its own transaction,
     * here and never further, and returns once all of them are over: one reply per write, in
     * order. No thread waits for any one of them. A write this replica cannot take now, or that
     * certainly committed nowhere, is declined: the sender then proposes it itself.
     */
    public List<ForwardReply> proposeForwarded(List<List<Write>> writes) {
        try {
            requireWritable();
        } catch (KVException refused) {
            return Collections.nCopies(writes.size(), declined(refused));
        }
        List<CompletableFuture<ForwardReply>> pending = new ArrayList<>(writes.size());
        for (List<Write> write : writes) pending.add(proposeOneForwarded(write));
        // Every proposal ends within its own deadlines, so this wait does too.
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return pending.stream().map(CompletableFuture::join).toList();
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
        return proposer.propose(writes, presentBeforeOf(writes)).readWhileLocked();
    }

    /** One forwarded write; the future never fails, as each failure is a reply. */
    private CompletableFuture<ForwardReply> proposeOneForwarded(List<Write> writes) {
        try {
            limits.checkWrites(writes);
            return proposer.proposeAsync(writes, presentBeforeOf(writes)).handle((committed, failure) ->
                    failure == null ? ForwardReply.committed(committed.readWhileLocked()) : replyTo(failure));
        } catch (KVException refused) {
            return CompletableFuture.completedFuture(declined(refused));
        } catch (RuntimeException bug) {
            return CompletableFuture.completedFuture(replyTo(bug));
        }
    }

    /** What a single-key delete reads under its lock: whether the key held a live value before. */
    private Supplier<Boolean> presentBeforeOf(List<Write> writes) {
        if (writes.size() == 1 && writes.get(0).isDelete()) {
            String key = writes.get(0).key();
            return () -> node.isPresent(key);
        }
        return () -> false;
    }

    private static ForwardReply declined(KVException refused) {
        return ForwardReply.declined(refused instanceof UnavailableException unavailable ? unavailable.reason() : refused.getMessage());
    }

    private static ForwardReply replyTo(Throwable failure) {
        Throwable cause = Completions.cause(failure);
        if (cause instanceof TransactionAbortedException aborted) return ForwardReply.aborted(aborted.txId(), aborted.reason());
        if (cause instanceof UnavailableException unavailable) {
            return unavailable.outcomeUnknown()
                    ? ForwardReply.outcomeUnknown(unavailable.reason())
                    : ForwardReply.declined(unavailable.reason());
        }
        // A defect, not an answer: it may have happened after the decide, so nothing is certain.
        log.error("a forwarded write failed unexpectedly", cause);
        return ForwardReply.outcomeUnknown("the write failed at the replica that proposed it: " + cause);
    }

    private void requireReadable() throws UnavailableException {
        requireServing();
        if (!node.holdsLease()) {
            // Without a lease the coordinator may already have committed writes without us.
            throw new UnavailableException("replica " + node.self().port()
                    + " holds no read lease (it has not heard from the coordinator lately)");
        }
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
