package dev.kvstore.api.protocol;

import dev.kvstore.api.ReplicaState;
import java.io.Serializable;
import java.util.Objects;

/** A replica's periodic report to the coordinator. */
public record Heartbeat(ReplicaId replica, long pid, ReplicaState state, long appliedSeq) implements Serializable {
    public Heartbeat {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(state, "state");
    }
}
