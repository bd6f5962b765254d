package dev.kvstore.coordinator.rmi;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.api.protocol.Credential;
import dev.kvstore.api.protocol.DecideBatch;
import dev.kvstore.api.protocol.DecideReply;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.coordinator.decision.CoordinatorService;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.FrameAdmission;
import java.rmi.RemoteException;
import org.slf4j.MDC;

/**
 * The RMI edge of {@link CoordinatorService}: checks the caller's credential, sets the log
 * context and delegates. A refused call changes nothing and is logged with the caller's address.
 */
public final class RmiCoordinator implements Coordinator {
    private final CoordinatorService service;
    private final CallAuthenticator auth;

    public RmiCoordinator(CoordinatorService service, CallAuthenticator auth) {
        this.service = service;
        this.auth = auth;
    }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat, Credential credential) throws AuthenticationException {
        auth.admit("heartbeat", credential, heartbeat);
        return service.heartbeat(heartbeat);
    }

    @Override
    public String decide(String frame) throws AuthenticationException {
        DecideBatch batch = FrameAdmission.open("decide", frame, auth, Frames::decideBatch);
        return Frames.reply(new DecideReply(service.decideAll(batch.requests())));
    }

    @Override
    public Outcome outcome(TxId txId, Credential credential) throws AuthenticationException {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            auth.admit("outcome", credential, txId);
            return service.outcome(txId);
        }
    }

    @Override
    public SnapshotChunk snapshot(String afterKey, int maxEntries, Credential credential) throws AuthenticationException {
        auth.admit("snapshot", credential, afterKey, maxEntries);
        return service.snapshot(afterKey, maxEntries);
    }

    @Override
    public DecisionBatch decisionsAfter(long afterSeq, int max, Credential credential) throws AuthenticationException {
        auth.admit("decisionsAfter", credential, afterSeq, max);
        return service.decisionsAfter(afterSeq, max);
    }

    @Override
    public JoinReply join(ReplicaId replica, long appliedSeq, Credential credential) throws RemoteException, AuthenticationException {
        auth.admit("join", credential, replica, appliedSeq);
        try {
            return service.join(replica, appliedSeq);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("the coordinator is stopping");
        }
    }

    @Override
    public ClusterStatus status(Credential credential) throws AuthenticationException {
        auth.admit("status", credential);
        return service.status();
    }
}
