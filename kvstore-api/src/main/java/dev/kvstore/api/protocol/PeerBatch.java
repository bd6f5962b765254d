package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Messages from one proposer to one participant, handled in the order given: a commit sent
 * before a prepare of the same key releases the key before the prepare asks for it.
 */
public record PeerBatch(ReplicaId sender, List<PeerMessage> messages) implements Serializable {
    /** The most messages one batch may carry. */
    public static final int MAX_MESSAGES = 256;

    public PeerBatch {
        Objects.requireNonNull(sender, "sender");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) throw new IllegalArgumentException("a batch carries at least one message");
        if (messages.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("a batch carries at most " + MAX_MESSAGES + " messages, not " + messages.size());
        }
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
