package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;

/** One {@link DecideResult} per request of a {@link DecideBatch}, in the same order. */
public record DecideReply(List<DecideResult> results) implements Serializable {
    public DecideReply {
        results = List.copyOf(results);
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
