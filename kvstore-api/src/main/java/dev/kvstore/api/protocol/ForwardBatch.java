package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Clients' writes that the replica which received them hands to another replica to propose, so
 * that concurrent writes from every client share that replica's prepare and decide calls. Each
 * element is one client's write and becomes a transaction of its own; the receiving replica
 * proposes them itself and never forwards them again.
 */
public record ForwardBatch(ReplicaId sender, List<List<Write>> writes) implements Serializable {
    /** The most client writes one batch may carry. */
    public static final int MAX_WRITES = 256;

    public ForwardBatch {
        Objects.requireNonNull(sender, "sender");
        writes = writes.stream().map(List::copyOf).toList();
        if (writes.isEmpty()) throw new IllegalArgumentException("a forward batch carries at least one write");
        if (writes.size() > MAX_WRITES) {
            throw new IllegalArgumentException("a forward batch carries at most " + MAX_WRITES + " writes, not " + writes.size());
        }
        for (List<Write> write : writes) {
            if (write.isEmpty()) throw new IllegalArgumentException("a forwarded write carries at least one key");
        }
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
