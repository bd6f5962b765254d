package dev.kvstore.coordinator.rmi;

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
import dev.kvstore.coordinator.decision.CoordinatorService;
import java.rmi.RemoteException;
import java.util.Set;
import org.slf4j.MDC;

/** The RMI edge of {@link CoordinatorService}: sets the log context and delegates. */
public final class RmiCoordinator implements Coordinator {
    private final CoordinatorService service;

    public RmiCoordinator(CoordinatorService service) {
        this.service = service;
    }

    @Override
    public HeartbeatReply heartbeat(Heartbeat heartbeat) {
        return service.heartbeat(heartbeat);
    }

    @Override
    public long decide(DecideRequest request) throws DecisionRefusedException {
        try (var ignored = MDC.putCloseable("tx", request.txId().value())) {
            return service.decide(request);
        }
    }

    @Override
    public void reportSuspects(ReplicaId reporter, Set<ReplicaId> suspects) {
        service.reportSuspects(reporter, suspects);
    }

    @Override
    public Outcome outcome(TxId txId) {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            return service.outcome(txId);
        }
    }

    @Override
    public SnapshotChunk snapshot(String afterKey, int maxEntries) {
        return service.snapshot(afterKey, maxEntries);
    }

    @Override
    public DecisionBatch decisionsAfter(long afterSeq, int max) {
        return service.decisionsAfter(afterSeq, max);
    }

    @Override
    public JoinReply join(ReplicaId replica, long appliedSeq) throws RemoteException {
        try {
            return service.join(replica, appliedSeq);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("the coordinator is stopping");
        }
    }

    @Override
    public ClusterStatus status() {
        return service.status();
    }
}
