package dev.kvstore.api.protocol;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The peer-facing side of a replica, bound as {@link #NAME}: the proposer's two-phase commit calls.
 * Every call is idempotent per transaction, so a proposer may repeat one whose answer it lost.
 * Every call carries a {@link Credential} for its own arguments; without a valid one it is
 * refused with {@link AuthenticationException} and changes nothing.
 */
public interface Participant extends Remote {
    String NAME = "Participant";

    /** Locks the transaction's keys without waiting and votes; a key locked by another transaction means ABORT. */
    Vote prepare(Prepare prepare, Credential credential) throws RemoteException, AuthenticationException;

    /** Applies a prepared transaction at {@code seq} and releases its locks. */
    void commit(TxId txId, long seq, Credential credential) throws RemoteException, AuthenticationException;

    /** Forgets a prepared transaction and releases its locks. */
    void abort(TxId txId, Credential credential) throws RemoteException, AuthenticationException;
}
