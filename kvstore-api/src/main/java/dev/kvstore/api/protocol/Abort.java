package dev.kvstore.api.protocol;

import java.util.Objects;

/** Forget a prepared transaction and release its locks. */
public record Abort(TxId txId) implements PeerMessage {
    public Abort {
        Objects.requireNonNull(txId, "txId");
    }
}
