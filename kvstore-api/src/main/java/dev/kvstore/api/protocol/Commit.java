package dev.kvstore.api.protocol;

import java.util.Objects;

/** Phase two: apply a prepared transaction at {@code seq} and release its locks. */
public record Commit(TxId txId, long seq) implements PeerMessage {
    public Commit {
        Objects.requireNonNull(txId, "txId");
        if (seq <= 0) throw new IllegalArgumentException("seq is positive: " + seq);
    }
}
