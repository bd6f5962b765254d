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
 * @param leaseMillis when accepted, a first read lease, counted from when the join was sent
 */
public record JoinReply(boolean accepted, List<Decision> missing, View view, long leaseMillis) implements Serializable {
    public JoinReply {
        missing = List.copyOf(missing);
        Objects.requireNonNull(view, "view");
        if (leaseMillis < 0 || (!accepted && leaseMillis != 0)) throw new IllegalArgumentException("bad lease " + leaseMillis);
    }

    /** A reply without a lease. */
    public JoinReply(boolean accepted, List<Decision> missing, View view) {
        this(accepted, missing, view, 0);
    }
}
