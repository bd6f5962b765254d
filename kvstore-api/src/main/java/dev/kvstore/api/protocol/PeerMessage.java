package dev.kvstore.api.protocol;

import java.io.Serializable;

/**
 * What a proposer sends a participant: phase one ({@link Prepare}) or the outcome ({@link Commit},
 * {@link Abort}). Sent in {@link PeerBatch}es, which a participant handles in order.
 */
public sealed interface PeerMessage extends Serializable permits Prepare, Commit, Abort {
    TxId txId();
}
