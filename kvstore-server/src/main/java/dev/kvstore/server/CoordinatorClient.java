package dev.kvstore.server;

import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.server.txn.CoordinatorPort;
import java.rmi.RemoteException;

/**
 * The coordinator as a replica uses it: the calls of {@link dev.kvstore.api.protocol.Coordinator},
 * each under a deadline and signed with the cluster's credential by the implementation. A
 * refused credential surfaces as a {@link RemoteException}: to the caller, the coordinator did
 * not answer.
 */
public interface CoordinatorClient extends CoordinatorPort {
    HeartbeatReply heartbeat(Heartbeat heartbeat) throws RemoteException;

    Outcome outcome(TxId txId) throws RemoteException;

    SnapshotChunk snapshot(String afterKey, int maxEntries) throws RemoteException;

    /**
     * Starts asking for a snapshot page and returns at once, so the caller can apply the page it
     * holds meanwhile; {@link Pending#await} gives the page, within the same deadline as
     * {@link #snapshot}. By default the call runs only when awaited.
     */
    default Pending<SnapshotChunk> snapshotAhead(String afterKey, int maxEntries) {
        return () -> snapshot(afterKey, maxEntries);
    }

    DecisionBatch decisionsAfter(long afterSeq, int max) throws RemoteException;

    JoinReply join(ReplicaId replica, long appliedSeq) throws RemoteException;

    ClusterStatus status() throws RemoteException;

    /** A call under way. */
    @FunctionalInterface
    interface Pending<T> {
        /** Its result, or its failure; returns within the call's deadline. */
        T await() throws RemoteException;
    }
}
