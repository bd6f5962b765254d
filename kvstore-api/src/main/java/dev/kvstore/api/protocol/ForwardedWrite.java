package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A client's write that the replica which received it hands to another replica to propose, so
 * that concurrent writes from every client share that replica's prepare and decide calls. The
 * receiving replica proposes it itself and never forwards it again.
 */
public record ForwardedWrite(ReplicaId sender, List<Write> writes) implements Serializable {
    public ForwardedWrite {
        Objects.requireNonNull(sender, "sender");
        writes = List.copyOf(writes);
        if (writes.isEmpty()) throw new IllegalArgumentException("a forwarded write carries at least one write");
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
