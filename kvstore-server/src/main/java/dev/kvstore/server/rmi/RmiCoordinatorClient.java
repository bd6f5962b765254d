package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.api.protocol.DecideBatch;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecideResult;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.DecisionRefusedException;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.rmi.Batcher;
import dev.kvstore.rmi.DaemonThreads;
import dev.kvstore.rmi.Deadlines;
import dev.kvstore.rmi.CallTimedOutException;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.server.CoordinatorClient;
import dev.kvstore.server.txn.Completions;
import java.io.InvalidObjectException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.UnmarshalException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The coordinator as seen from a replica: every call under a deadline, the stub looked up once
 * and looked up again after a failure (the coordinator may have restarted). Thread-safe.
 */
public final class RmiCoordinatorClient implements CoordinatorClient {
    private final String host;
    private final int port;
    private final RemoteCalls calls;
    private final CallAuthenticator auth;

    private final Batcher<DecideRequest, DecideResult> decides;
    private volatile Coordinator stub;
    private volatile Duration leaseAllowance = Duration.ZERO;

    public RmiCoordinatorClient(String host, int port, RemoteCalls calls, CallAuthenticator auth) {
        this.host = host;
        this.port = port;
        this.calls = calls;
        this.auth = auth;
        // One sending loop, plus any abandoned while stuck on a paused coordinator.
        ExecutorService sender = Executors.newCachedThreadPool(DaemonThreads.named("decide-sender"));
        this.decides = new Batcher<>(this::decideBatch, sender, DecideBatch.MAX_REQUESTS, request -> BatchWeight.of(request.writes(), 64),
                BatchWeight.MAX_BATCH_BYTES);
    }

    /**
     * The coordinator holds back a decide until the read leases of the replicas it leaves out
     * have run out, so decide gets this much longer than the usual timeout.
     */
    public void allowForLeases(Duration lease) {
        leaseAllowance = lease;
    }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat) throws RemoteException {
        return call("heartbeat", c -> c.heartbeat(heartbeat, auth.sign("heartbeat", heartbeat)));
    }

    /**
     * Concurrent decides from this replica share one call: each gets its own result, and a batch
     * that fails as a whole leaves every decide in it of unknown outcome. The future completes on
     * the decide sending loop, or at the deadline with {@link CallTimedOutException}.
     */
    @Override
    public CompletableFuture<Long> decide(DecideRequest request) {
        Duration deadline = slowCallDeadline();
        CompletableFuture<Long> seq = new CompletableFuture<>();
        Deadlines.orTimeout(decides.submit(request), deadline.toNanos()).whenComplete((result, failure) -> {
            if (failure == null) {
                if (result.isCommitted()) seq.complete(result.seq());
                else seq.completeExceptionally(new DecisionRefusedException(result.refusal(), result.view()));
            } else {
                seq.completeExceptionally(decideFailure(failure, deadline));
            }
        });
        return seq;
    }

    @Override
    public Outcome outcome(TxId txId) throws RemoteException {
        return call("outcome", c -> c.outcome(txId, auth.sign("outcome", txId)));
    }

    @Override
    public SnapshotChunk snapshot(String afterKey, int maxEntries) throws RemoteException {
        return call("snapshot", c -> c.snapshot(afterKey, maxEntries, auth.sign("snapshot", afterKey, maxEntries)));
    }

    @Override
    public Pending<SnapshotChunk> snapshotAhead(String afterKey, int maxEntries) {
        // snapshot() bounds itself (one deadline per attempt, two attempts at most); this bound only backs it up.
        long deadline = System.nanoTime() + calls.timeout().multipliedBy(2).plusSeconds(1).toNanos();
        java.util.concurrent.Future<SnapshotChunk> page = calls.submit(() -> snapshot(afterKey, maxEntries));
        return () -> calls.<SnapshotChunk, RuntimeException>await("snapshot at coordinator " + host + ":" + port, page,
                deadline - System.nanoTime());
    }

    @Override
    public DecisionBatch decisionsAfter(long afterSeq, int max) throws RemoteException {
        return call("decisionsAfter", c -> c.decisionsAfter(afterSeq, max, auth.sign("decisionsAfter", afterSeq, max)));
    }

    @Override
    public JoinReply join(ReplicaId replica, long appliedSeq) throws RemoteException {
        return call("join", c -> c.join(replica, appliedSeq, auth.sign("join", replica, appliedSeq)));
    }

    @Override
    public ClusterStatus status() throws RemoteException {
        return call("status", c -> c.status(auth.sign("status")));
    }

    private interface CoordinatorCall<T, E extends Exception> {
        T apply(Coordinator coordinator) throws RemoteException, AuthenticationException, E;
    }

    /**
     * Runs on the decide sending loop and calls the coordinator directly: the socket's read
     * timeout bounds the call, and a decide whose deadline passes first abandons it.
     */
    private List<DecideResult> decideBatch(List<DecideRequest> requests) throws RemoteException {
        byte[] body = Frames.body(new DecideBatch(requests));
        String reply = withStub(c -> c.decide(Frames.request(auth.signBody("decide", body), body)));
        try {
            return Frames.decideReply(reply).results();
        } catch (InvalidObjectException malformed) {
            throw new UnmarshalException("the coordinator answered a malformed decide reply", malformed);
        }
    }

    /** Why a decide has no result: any of these leaves its outcome unknown. */
    private RemoteException decideFailure(Throwable failure, Duration deadline) {
        Throwable cause = Completions.cause(failure);
        if (cause instanceof TimeoutException) {
            decides.abandonInFlight(); // what queued behind a stuck call goes out without it
            return new CallTimedOutException("decide at coordinator " + host + ":" + port + " did not answer within " + deadline.toMillis() + " ms");
        }
        if (cause instanceof RemoteException remote) return remote;
        return new RemoteException("decide at coordinator " + host + ":" + port + " failed", cause);
    }

    private Duration slowCallDeadline() {
        return calls.timeout().plus(leaseAllowance);
    }

    private <T, E extends Exception> T call(String what, CoordinatorCall<T, E> call) throws RemoteException, E {
        return call(what, calls.timeout(), call);
    }

    private <T, E extends Exception> T call(String what, Duration deadline, CoordinatorCall<T, E> call) throws RemoteException, E {
        return withStub(target -> calls.<T, E>call(what + " at coordinator " + host + ":" + port, deadline, () -> {
            try {
                return call.apply(target);
            } catch (AuthenticationException refused) {
                throw refusedCredential(refused);
            }
        }));
    }

    /**
     * Runs {@code call} on the stub, looked up if need be, and drops the stub after a failure.
     * A call that finds the coordinator's object gone never ran: the coordinator restarted and
     * exported a new one, so it is repeated once with a fresh stub.
     */
    private <T, E extends Exception> T withStub(CoordinatorCall<T, E> call) throws RemoteException, E {
        for (int attempt = 0; ; attempt++) {
            Coordinator target = stub();
            try {
                return call.apply(target);
            } catch (AuthenticationException refused) {
                stub = null;
                throw refusedCredential(refused);
            } catch (NoSuchObjectException e) {
                stub = null;
                if (attempt > 0) throw e;
            } catch (RemoteException e) {
                stub = null;
                throw e;
            }
        }
    }

    /** Our secret is not the coordinator's: to this replica it is as if it did not answer. */
    private static RemoteException refusedCredential(AuthenticationException refused) {
        return new RemoteException("the coordinator refused our credential: " + refused.getMessage(), refused);
    }

    private Coordinator stub() throws RemoteException {
        Coordinator current = stub;
        if (current != null) return current;
        try {
            current = RmiEndpoint.lookup(calls, host, port, Coordinator.NAME, Coordinator.class);
        } catch (NotBoundException e) {
            throw new RemoteException("no coordinator bound at " + host + ":" + port, e);
        }
        stub = current;
        return current;
    }
}
