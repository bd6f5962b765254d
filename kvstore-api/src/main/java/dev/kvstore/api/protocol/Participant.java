package dev.kvstore.api.protocol;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The peer-facing side of a replica, bound as {@link #NAME}: the proposers' two-phase commit
 * messages, batched, and the writes other replicas forward to it to propose. Every two-phase
 * commit message is idempotent per transaction, so a proposer may repeat one whose answer it
 * lost; a forwarded write is not, and its sender never repeats it. Every call carries a {@link Credential} for its own batch; without a
 * valid one it is refused with {@link AuthenticationException} and changes nothing. The call
 * travels as {@link Frames}: strings, for speed; see there.
 */
public interface Participant extends Remote {
    String NAME = "Participant";

    /**
     * Handles the batch's messages in order. A prepare locks its transaction's keys without
     * waiting and votes (a key locked by another transaction means ABORT); a commit applies a
     * prepared transaction at its seq and releases its locks; an abort releases them.
     *
     * @param frame {@link Frames#request} of a {@link PeerBatch}'s {@link Frames#body} and the credential over it
     * @return {@link Frames#reply} of the {@link PeerReply}: one vote per message
     * @throws AuthenticationException when the frame is malformed or its credential not valid for it
     */
    String deliver(String frame) throws RemoteException, AuthenticationException;

    /**
     * Proposes clients' writes that the calling replica received, here, each as a transaction of
     * its own, as this replica would propose its own clients' writes; never forwards them further.
     * Writes from every replica then share this replica's batched prepare and decide calls.
     * Returns once every write of the batch is over.
     *
     * @param frame {@link Frames#request} of a {@link ForwardBatch}'s {@link Frames#body} and the credential over it
     * @return {@link Frames#reply} of the {@link ForwardBatchReply}: one {@link ForwardReply} per write
     * @throws AuthenticationException when the frame is malformed or its credential not valid for it
     */
    String forward(String frame) throws RemoteException, AuthenticationException;
}
