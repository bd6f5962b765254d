package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import java.util.Map;
import java.util.Set;

/**
 * The proposer's port to the participants, itself included. Implementations call every target
 * in parallel, each under a deadline, and never throw for an unreachable target.
 */
public interface ParticipantClient {
    /** One result per target; a target that did not answer in time is {@link PrepareResult.Absent}. */
    Map<ReplicaId, PrepareResult> prepareAll(Set<ReplicaId> targets, Prepare prepare);

    /**
     * Sends commit to every target and waits for their answers up to the deadline; returns the
     * targets that did not confirm in time.
     */
    Set<ReplicaId> commitAll(Set<ReplicaId> targets, TxId txId, long seq);

    /** Sends abort to every target and waits for their answers up to the deadline. */
    void abortAll(Set<ReplicaId> targets, TxId txId);
}
