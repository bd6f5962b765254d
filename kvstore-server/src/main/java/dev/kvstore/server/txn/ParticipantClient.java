package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The proposer's port to the participants, itself included. Messages to one peer arrive in the
 * order they were sent, so a commit or abort sent before a prepare is handled before it.
 * Implementations never throw for an unreachable target.
 */
public interface ParticipantClient {
    /**
     * Prepares on every target in parallel and returns at once; the future completes, never
     * exceptionally, once every vote is in or the deadline has passed. A target that did not
     * answer in time is {@link PrepareResult.Absent}. An implementation may ask one target first
     * and stop at its ABORT vote: the result then holds that vote alone. Whatever depends on the
     * future may run on the thread that delivered the last vote, so it must be short.
     */
    CompletableFuture<Map<ReplicaId, PrepareResult>> prepareAll(Set<ReplicaId> targets, Prepare prepare);

    /**
     * Commits on this replica before returning and sends the commit to every other target without
     * waiting for it. A peer that never gets it keeps the keys locked, and reads of them wait,
     * until it learns the outcome from the coordinator: no reader sees the value the write
     * replaced.
     */
    void commitAll(Set<ReplicaId> targets, TxId txId, long seq);

    /** Aborts on this replica before returning and sends the abort to every other target without waiting for it. */
    void abortAll(Set<ReplicaId> targets, TxId txId);
}
