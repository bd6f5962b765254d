package dev.kvstore.api.protocol;

import dev.kvstore.api.ReplicaState;
import java.io.Serializable;
import java.util.Objects;

/**
 * One replica as the coordinator sees it.
 *
 * @param pid the replica's process id, or -1 when unknown
 */
public record MemberStatus(ReplicaId replica, ReplicaState state, long appliedSeq, long pid) implements Serializable {
    public MemberStatus {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(state, "state");
    }
}
