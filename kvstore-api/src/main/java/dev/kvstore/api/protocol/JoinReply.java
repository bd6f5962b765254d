package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a replica that asks to be UP.
 *
 * @param accepted true: the replica is UP from {@code view.epoch()} on, once it applies {@code missing}.
 *     false: it is too far behind; it should catch up further and ask again
 * @param missing every decision after the replica's applied seq, when accepted
 */
public record JoinReply(boolean accepted, List<Decision> missing, View view) implements Serializable {
    public JoinReply {
        missing = List.copyOf(missing);
        Objects.requireNonNull(view, "view");
    }
}
