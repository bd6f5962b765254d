package dev.kvstore.client;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.ReplicaUnavailableException.Why;
import dev.kvstore.rmi.CallTimedOutException;
import dev.kvstore.rmi.Delivery;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.SharedReads;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of one KVStore replica, with fail-over to the others in its {@link ClientConfig}.
 *
 * <p>Every remote call, lookups included, runs under the configured deadline. Aborted writes are
 * retried with exponential backoff and jitter ({@link RetryPolicy}). When a replica cannot serve
 * a request that certainly had no effect, the next replica in the list is tried, and the client
 * stays on the one that answered. A failed connection drops the cached stub, so the next request
 * looks the replica up again. Thread-safe.
 */
public final class KVStoreClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KVStoreClient.class);

    /** One request against one stub. */
    @FunctionalInterface
    private interface Request<T> {
        T send(KVStore stub) throws RemoteException, KVException;
    }

    private final ClientConfig config;
    private final ReplicaConnector connector;
    private final RemoteCalls calls;
    private final Sleeper sleeper;
    private final Random random;
    private final Map<ReplicaId, KVStore> stubs = new ConcurrentHashMap<>();
    private final Map<KVStore, SharedReads> reads = new ConcurrentHashMap<>(); // one per cached stub
    private volatile int current; // index into config.replicas() of the replica in use

    public KVStoreClient(ClientConfig config, ReplicaConnector connector, Sleeper sleeper, Random random) {
        this.config = config;
        this.connector = connector;
        this.sleeper = sleeper;
        this.random = random;
        this.calls = new RemoteCalls(config.callTimeout(), "kvstore-client");
    }

    /** A client over RMI that sleeps for real between retries. Does no I/O until the first request. */
    public static KVStoreClient create(ClientConfig config) {
        return new KVStoreClient(config, new RmiReplicaConnector(), Sleeper.SYSTEM, new Random());
    }

    public ClientConfig config() {
        return config;
    }

    /** The replica the next request goes to first. */
    public ReplicaId replica() {
        return config.replicas().get(current);
    }

    /** Looks up the current replica now, to report early that it cannot be reached. */
    public ReplicaId connect() throws ReplicaUnavailableException {
        ReplicaId replica = replica();
        stub(replica);
        return replica;
    }

    /**
     * The value of {@code key}, or empty when it is absent. Concurrent calls to the same replica
     * share one remote call ({@link SharedReads}).
     */
    public Optional<String> get(String key) throws ClientException {
        return Optional.ofNullable(withRetries(false, "get", stub -> reads.computeIfAbsent(stub, SharedReads::new).get(key)));
    }

    /** Sets {@code key} to {@code value} on every live replica. */
    public void put(String key, String value) throws ClientException {
        withRetries(true, "put", stub -> {
            stub.put(key, value);
            return Boolean.TRUE;
        });
    }

    /** Removes {@code key}; false when it was absent. */
    public boolean delete(String key) throws ClientException {
        return withRetries(true, "delete", stub -> stub.delete(key));
    }

    /** The current replica's status and cluster view. Never fails over: it is that replica's view that is asked for. */
    public ReplicaStatus status() throws ClientException {
        try {
            return onReplica(replica(), false, "status", KVStore::status);
        } catch (TransactionAbortedException e) {
            throw new IllegalStateException("status does not abort", e);
        }
    }

    @Override
    public void close() {
        calls.close();
    }

    private <T> T withRetries(boolean write, String what, Request<T> request) throws ClientException {
        RetryPolicy policy = config.retry();
        for (int retries = 0; ; retries++) {
            try {
                return onAnyReplica(write, what, request);
            } catch (TransactionAbortedException e) {
                String reason = e.reason() == null || e.reason().isBlank() ? e.getMessage() : e.reason();
                if (retries >= policy.maxRetries()) throw new AbortedException(reason, retries, e);
                Duration delay = policy.backoff(retries + 1, random);
                log.debug("{} aborted ({}); retry {} of {} in {} ms", what, reason, retries + 1, policy.maxRetries(), delay.toMillis());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new AbortedException(reason + " (interrupted before retrying)", retries, e);
                }
            }
        }
    }

    /** Tries the current replica, then each other one in turn while failing over is safe. */
    private <T> T onAnyReplica(boolean write, String what, Request<T> request)
            throws TransactionAbortedException, ClientException {
        List<ReplicaId> replicas = config.replicas();
        int start = current;
        List<ReplicaUnavailableException> failures = new ArrayList<>();
        for (int i = 0; i < replicas.size(); i++) {
            int index = (start + i) % replicas.size();
            try {
                T result = onReplica(replicas.get(index), write, what, request);
                if (index != start) log.info("failed over from {} to {}", replicas.get(start), replicas.get(index));
                current = index;
                return result;
            } catch (ReplicaUnavailableException e) {
                if (!e.mayFailOver()) throw e;
                failures.add(e);
            }
        }
        if (failures.size() == 1) throw failures.get(0);
        ReplicaUnavailableException last = failures.get(failures.size() - 1);
        String all = failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; "));
        throw new ReplicaUnavailableException(last.replica(), last.why(), "no replica could serve it: " + all, false, last);
    }

    private <T> T onReplica(ReplicaId replica, boolean write, String what, Request<T> request)
            throws TransactionAbortedException, ClientException {
        KVStore stub = stub(replica);
        Duration deadline = write ? config.writeTimeout() : config.callTimeout();
        try {
            return calls.<T, KVException>call(what + " on " + replica, deadline, () -> request.send(stub));
        } catch (TransactionAbortedException e) {
            throw e;
        } catch (UnavailableException e) {
            String reason = e.reason() == null || e.reason().isBlank() ? "replica " + replica + " does not serve now" : e.reason();
            throw new ReplicaUnavailableException(replica, Why.NOT_SERVING, reason, write && e.outcomeUnknown(), e);
        } catch (InvalidRequestException e) {
            throw new RequestRejectedException(e.getMessage(), e);
        } catch (KVException e) {
            throw new RequestRejectedException(e.getMessage(), e);
        } catch (CallTimedOutException e) {
            forget(replica, stub);
            String message = "replica " + replica + " did not answer within " + deadline.toMillis() + " ms";
            throw new ReplicaUnavailableException(replica, Why.TIMED_OUT, message, write, e);
        } catch (RemoteException e) {
            forget(replica, stub); // look it up again next time: it may have restarted
            boolean maybeRan = !Delivery.certainlyNotDelivered(e);
            String message = "lost connection to replica " + replica + " (" + RemoteFailures.describe(e) + ")";
            throw new ReplicaUnavailableException(replica, Why.CONNECTION_LOST, message, write && maybeRan, e);
        } catch (RuntimeException e) {
            // A bug on the replica: the write may or may not have been applied.
            String message = "replica " + replica + " failed (" + RemoteFailures.describe(e) + ")";
            throw new ReplicaUnavailableException(replica, Why.CONNECTION_LOST, message, write, e);
        }
    }

    private void forget(ReplicaId replica, KVStore stub) {
        stubs.remove(replica, stub);
        reads.remove(stub);
    }

    private KVStore stub(ReplicaId replica) throws ReplicaUnavailableException {
        KVStore cached = stubs.get(replica);
        if (cached != null) return cached;
        try {
            KVStore stub = connector.lookup(replica, calls);
            stubs.put(replica, stub);
            return stub;
        } catch (RemoteException | NotBoundException e) {
            String detail = e instanceof CallTimedOutException
                    ? "no answer within " + calls.timeout().toMillis() + " ms"
                    : RemoteFailures.describe(e);
            String message = "cannot reach replica " + replica + " (" + detail + ")";
            throw new ReplicaUnavailableException(replica, Why.UNREACHABLE, message, false, e);
        }
    }
}
