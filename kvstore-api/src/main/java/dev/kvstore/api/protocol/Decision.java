package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A committed transaction as the coordinator logged it, with its sequence number. */
public record Decision(long seq, TxId txId, List<Write> writes) implements Serializable {
    public Decision {
        if (seq < 1) throw new IllegalArgumentException("seq starts at 1: " + seq);
        Objects.requireNonNull(txId, "txId");
        writes = List.copyOf(writes);
    }
}
