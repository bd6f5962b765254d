package dev.kvstore.api.protocol;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The coordinator, bound as {@link #NAME}: membership, the durable commit point, in-doubt
 * resolution, and the snapshot and decisions a (re)starting replica loads.
 */
public interface Coordinator extends Remote {
    String NAME = "Coordinator";

    /** Reports a replica's state and watermark; the reply carries the view. Registers unknown replicas. */
    HeartbeatReply heartbeat(Heartbeat heartbeat, Credential credential) throws RemoteException, AuthenticationException;

    /**
     * The durable commit point, for a batch of transactions each decided on its own: marks the
     * suspects DOWN, checks that the participants cover every UP replica, assigns the next seq,
     * logs the decision with fsync (one for the whole batch) and answers its seq, or refuses it.
     * Returns once every decision in the batch is durable and no replica left out of one can
     * still hold a read lease.
     *
     * @param frame {@link Frames#request} of a {@link DecideBatch}'s {@link Frames#body} and the credential over it
     * @return {@link Frames#reply} of the {@link DecideReply}: one result per request
     * @throws AuthenticationException when the frame is malformed or its credential not valid for it
     */
    String decide(String frame) throws RemoteException, AuthenticationException;

    /** The outcome of an in-doubt transaction; an undecided one is decided ABORT here. */
    Outcome outcome(TxId txId, Credential credential) throws RemoteException, AuthenticationException;

    /** A page of the committed store, keys strictly after {@code afterKey} (null: from the start). */
    SnapshotChunk snapshot(String afterKey, int maxEntries, Credential credential) throws RemoteException, AuthenticationException;

    /** Committed decisions with seq greater than {@code afterSeq}, at most {@code max} of them. */
    DecisionBatch decisionsAfter(long afterSeq, int max, Credential credential) throws RemoteException, AuthenticationException;

    /** Asks to be marked UP; accepted with every decision the replica still lacks, in one critical section with decide. */
    JoinReply join(ReplicaId replica, long appliedSeq, Credential credential) throws RemoteException, AuthenticationException;

    /** The committed store's seq, size and digest, and the view. */
    ClusterStatus status(Credential credential) throws RemoteException, AuthenticationException;
}
