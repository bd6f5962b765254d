package dev.kvstore.api.protocol;

import java.io.Serializable;

/**
 * The coordinator's answer for an in-doubt transaction: the committed decision, or ABORT. Asking
 * about an undecided transaction decides it ABORT, so the answer never changes.
 */
public record Outcome(Decision decision) implements Serializable {
    public static Outcome aborted() {
        return new Outcome(null);
    }

    public static Outcome committed(Decision decision) {
        return new Outcome(java.util.Objects.requireNonNull(decision, "decision"));
    }

    public boolean isCommitted() {
        return decision != null;
    }
}
