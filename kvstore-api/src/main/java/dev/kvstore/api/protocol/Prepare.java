package dev.kvstore.api.protocol;

import java.util.List;
import java.util.Objects;

/** Phase one: asks a participant to lock the transaction's keys and vote. */
public record Prepare(TxId txId, ReplicaId proposer, long epoch, List<Write> writes) implements PeerMessage {
    public Prepare {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(proposer, "proposer");
        writes = List.copyOf(writes);
        if (writes.isEmpty()) throw new IllegalArgumentException("a transaction writes at least one key");
        if (writes.stream().map(Write::key).distinct().count() != writes.size()) {
            throw new IllegalArgumentException("a transaction writes each key once");
        }
    }
}
