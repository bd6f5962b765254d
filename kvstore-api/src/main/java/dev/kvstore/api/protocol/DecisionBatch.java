package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;

/**
 * Committed decisions in sequence order, for catch-up.
 *
 * @param lastSeq the highest durable sequence number at the coordinator when the batch was read
 */
public record DecisionBatch(List<Decision> decisions, long lastSeq) implements Serializable {
    public DecisionBatch {
        decisions = List.copyOf(decisions);
    }
}
