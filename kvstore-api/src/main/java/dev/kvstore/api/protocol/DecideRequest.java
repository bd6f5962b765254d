package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Asks the coordinator to commit a transaction every participant voted COMMIT for.
 *
 * @param participants the replicas that voted COMMIT, the proposer among them
 * @param suspects the replicas in the proposer's view that did not answer prepare in time
 */
public record DecideRequest(
        TxId txId, ReplicaId proposer, Set<ReplicaId> participants, Set<ReplicaId> suspects, List<Write> writes)
        implements Serializable {
    public DecideRequest {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(proposer, "proposer");
        participants = Set.copyOf(participants);
        suspects = Set.copyOf(suspects);
        writes = List.copyOf(writes);
        if (writes.isEmpty()) throw new IllegalArgumentException("a transaction writes at least one key");
    }
}
