package dev.kvstore.api;

import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A replica's view of itself and of the cluster.
 *
 * @param replica this replica's address
 * @param state its own lifecycle state
 * @param appliedSeq every committed transaction up to this sequence number is applied here
 * @param keyCount live keys (tombstones not counted)
 * @param digest a digest of the live entries and their versions: equal stores have equal digests
 * @param epoch the epoch of the membership view this replica holds
 * @param members every replica in that view with its state
 */
public record ReplicaStatus(
        ReplicaId replica,
        ReplicaState state,
        long appliedSeq,
        long keyCount,
        String digest,
        long epoch,
        List<MemberStatus> members)
        implements Serializable {
    public ReplicaStatus {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(digest, "digest");
        members = List.copyOf(members);
    }

    /** The port this replica serves on. */
    public int port() {
        return replica.port();
    }
}
