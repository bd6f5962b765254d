package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.DecisionRefusedException;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.server.CoordinatorClient;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.Set;

/**
 * The coordinator as seen from a replica: every call under a deadline, the stub looked up once
 * and looked up again after a failure (the coordinator may have restarted). Thread-safe.
 */
public final class RmiCoordinatorClient implements CoordinatorClient {
    private final String host;
    private final int port;
    private final RemoteCalls calls;
    private final CallAuthenticator auth;
    private volatile Coordinator stub;
    private volatile Duration leaseAllowance = Duration.ZERO;

    public RmiCoordinatorClient(String host, int port, RemoteCalls calls, CallAuthenticator auth) {
        this.host = host;
        this.port = port;
        this.calls = calls;
        this.auth = auth;
    }

    /**
     * The coordinator holds back decide and reportSuspects until the read leases of the replicas
     * they leave out have run out, so those calls get this much longer than the usual timeout.
     */
    public void allowForLeases(Duration lease) {
        leaseAllowance = lease;
    }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat) throws RemoteException {
        return call("heartbeat", c -> c.heartbeat(heartbeat, auth.sign("heartbeat", heartbeat)));
    }

    @Override
    public long decide(DecideRequest request) throws RemoteException, DecisionRefusedException {
        return this.<Long, DecisionRefusedException>call("decide", slowCallDeadline(), c -> c.decide(request, auth.sign("decide", request)));
    }

    @Override
    public void reportSuspects(ReplicaId reporter, Set<ReplicaId> suspects) throws RemoteException {
        call("reportSuspects", slowCallDeadline(), c -> {
            c.reportSuspects(reporter, suspects, auth.sign("reportSuspects", reporter, suspects));
            return null;
        });
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

    private Duration slowCallDeadline() {
        return calls.timeout().plus(leaseAllowance);
    }

    private <T, E extends Exception> T call(String what, CoordinatorCall<T, E> call) throws RemoteException, E {
        return call(what, calls.timeout(), call);
    }

    private <T, E extends Exception> T call(String what, Duration deadline, CoordinatorCall<T, E> call) throws RemoteException, E {
        for (int attempt = 0; ; attempt++) {
            Coordinator target = stub();
            try {
                return calls.call(what + " at coordinator " + host + ":" + port, deadline, () -> {
                    try {
                        return call.apply(target);
                    } catch (AuthenticationException refused) {
                        // Our secret is not the coordinator's: to this replica it is as if it did not answer.
                        throw new RemoteException("the coordinator refused our credential: " + refused.getMessage(), refused);
                    }
                });
            } catch (NoSuchObjectException e) {
                // The coordinator restarted and exported a new object; the call never ran, so it
                // is safe to repeat once with a fresh stub.
                stub = null;
                if (attempt > 0) throw e;
            } catch (RemoteException e) {
                stub = null;
                throw e;
            }
        }
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
