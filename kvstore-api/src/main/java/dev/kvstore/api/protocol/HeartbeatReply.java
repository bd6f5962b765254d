package dev.kvstore.api.protocol;

import dev.kvstore.api.ReplicaState;
import java.io.Serializable;
import java.util.Objects;

/**
 * The coordinator's answer to a heartbeat.
 *
 * @param state the state the coordinator holds for the replica; DOWN tells it to stop serving and catch up
 * @param view the current membership view
 * @param leaseMillis a read lease of this length, counted from when the heartbeat was sent; 0: none
 */
public record HeartbeatReply(ReplicaState state, View view, long leaseMillis) implements Serializable {
    public HeartbeatReply {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(view, "view");
        if (leaseMillis < 0) throw new IllegalArgumentException("a lease is not negative: " + leaseMillis);
        if (state != ReplicaState.UP && leaseMillis != 0) throw new IllegalArgumentException("only an UP replica holds a lease");
    }

    /** A reply that grants no lease. */
    public HeartbeatReply(ReplicaState state, View view) {
        this(state, view, 0);
    }
}
