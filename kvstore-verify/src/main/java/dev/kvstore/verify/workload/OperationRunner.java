package dev.kvstore.verify.workload;

import dev.kvstore.api.KVStore;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.SharedReads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import dev.kvstore.verify.history.History;
import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import dev.kvstore.verify.history.OutcomeClassifier;

/**
 * Runs one get, put or delete against a replica under a deadline ({@link RemoteCalls}) and records it
 * in the history with its invocation and completion times and classified outcome. Used by the
 * workload's clients and by the checks after healing, so every call is recorded the same way. Thread-safe.
 */
public final class OperationRunner {
    /** The recorded operation, and the error when it did not succeed (for the caller to decide what next). */
    public record Attempt(Operation op, Throwable error) {
        public boolean ok() {
            return op.outcome() == Outcome.OK;
        }
    }

    private final History history;
    private final RemoteCalls calls;
    private final Map<KVStore, SharedReads> reads = new ConcurrentHashMap<>(); // as KVStoreClient shares them

    public OperationRunner(History history, RemoteCalls calls) {
        this.history = history;
        this.calls = calls;
    }

    public Attempt get(String process, int port, KVStore replica, String key) {
        History.Invocation inv = history.invoke(process, port, OpType.GET, key, null);
        try {
            String value = calls.call("get " + key + " on " + port, () -> reads.computeIfAbsent(replica, SharedReads::new).get(key));
            return new Attempt(history.complete(inv, Outcome.OK, value, null, null), null);
        } catch (Exception e) {
            return failed(inv, e);
        }
    }

    public Attempt put(String process, int port, KVStore replica, String key, String value) {
        History.Invocation inv = history.invoke(process, port, OpType.PUT, key, value);
        try {
            calls.call("put " + key + " on " + port, () -> {
                replica.put(key, value);
                return null;
            });
            return new Attempt(history.complete(inv, Outcome.OK, null, null, null), null);
        } catch (Exception e) {
            return failed(inv, e);
        }
    }

    public Attempt delete(String process, int port, KVStore replica, String key) {
        History.Invocation inv = history.invoke(process, port, OpType.DELETE, key, null);
        try {
            boolean existed = calls.call("delete " + key + " on " + port, () -> replica.delete(key));
            return new Attempt(history.complete(inv, Outcome.OK, null, existed, null), null);
        } catch (Exception e) {
            return failed(inv, e);
        }
    }

    private Attempt failed(History.Invocation inv, Exception e) {
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        Outcome outcome = OutcomeClassifier.classify(inv.type(), e);
        return new Attempt(history.complete(inv, outcome, null, null, e.getClass().getSimpleName() + ": " + e.getMessage()), e);
    }
}
