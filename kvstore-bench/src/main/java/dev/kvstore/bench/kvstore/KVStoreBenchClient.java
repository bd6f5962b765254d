package dev.kvstore.bench.kvstore;

import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.bench.load.BenchClient;
import dev.kvstore.bench.load.FailureLog;
import dev.kvstore.bench.load.Outcome;
import dev.kvstore.rmi.SharedReads;
import java.rmi.RemoteException;

/**
 * A worker's client of one replica: calls the RMI stub directly on the worker's thread, so each
 * call is bounded by the stub's socket read timeout and costs no thread hand-off. Reads go
 * through the replica's {@link SharedReads}, shared by every worker on it, as in {@code KVStoreClient}. Not thread-safe
 * by contract (one worker), though the stub itself is.
 */
final class KVStoreBenchClient implements BenchClient {
    private final KVStore replica;
    private final String[] keys;
    private final String value;
    private final FailureLog failures;

    private final SharedReads reads;

    KVStoreBenchClient(KVStore replica, SharedReads reads, String[] keys, String value, FailureLog failures) {
        this.reads = reads;
        this.replica = replica;
        this.keys = keys;
        this.value = value;
        this.failures = failures;
    }

    @Override
    public Outcome read(int key) {
        try {
            reads.get(keys[key]); // an absent key is an answer too
            return Outcome.OK;
        } catch (TransactionAbortedException e) {
            return failures.note(Outcome.ABORT, "get", e);
        } catch (KVException | RemoteException e) {
            return failures.note(Outcome.ERROR, "get", e);
        }
    }

    @Override
    public Outcome write(int key) {
        try {
            replica.put(keys[key], value);
            return Outcome.OK;
        } catch (TransactionAbortedException e) {
            return failures.note(Outcome.ABORT, "put", e);
        } catch (KVException | RemoteException e) {
            return failures.note(Outcome.ERROR, "put", e);
        }
    }

    @Override
    public void close() {
        // the stub is shared and holds no session; RMI closes idle connections by itself
    }
}
