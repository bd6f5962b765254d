package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;

/** Transactions one proposer asks the coordinator to commit together; each is decided on its own. */
public record DecideBatch(List<DecideRequest> requests) implements Serializable {
    /** The most requests one batch may carry. */
    public static final int MAX_REQUESTS = 256;

    public DecideBatch {
        requests = List.copyOf(requests);
        if (requests.isEmpty()) throw new IllegalArgumentException("a batch carries at least one request");
        if (requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("a batch carries at most " + MAX_REQUESTS + " requests, not " + requests.size());
        }
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
