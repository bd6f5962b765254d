package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;

/** What became of each write of a {@link ForwardBatch}, in the same order. */
public record ForwardBatchReply(List<ForwardReply> replies) implements Serializable {
    public ForwardBatchReply {
        replies = List.copyOf(replies);
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
