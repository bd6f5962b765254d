package dev.kvstore.api.protocol;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The peer-facing side of a replica, bound as {@link #NAME}: the proposer's two-phase commit calls.
 * Every call is idempotent per transaction, so a proposer may repeat one whose answer it lost.
 */
public interface Participant extends Remote {
    String NAME = "Participant";

    /** Locks the transaction's keys without waiting and votes; a key locked by another transaction means ABORT. */
    Vote prepare(Prepare prepare) throws RemoteException;

    /** Applies a prepared transaction at {@code seq} and releases its locks. */
    void commit(TxId txId, long seq) throws RemoteException;

    /** Forgets a prepared transaction and releases its locks. */
    void abort(TxId txId) throws RemoteException;
}
