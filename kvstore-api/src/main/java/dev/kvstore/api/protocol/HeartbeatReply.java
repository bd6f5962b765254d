package dev.kvstore.api.protocol;

import dev.kvstore.api.ReplicaState;
import java.io.Serializable;
import java.util.Objects;

/**
 * The coordinator's answer to a heartbeat.
 *
 * @param state the state the coordinator holds for the replica; DOWN tells it to stop serving and catch up
 * @param view the current membership view
 */
public record HeartbeatReply(ReplicaState state, View view) implements Serializable {
    public HeartbeatReply {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(view, "view");
    }
}
