package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * The coordinator's answer to one {@link DecideRequest}: committed at {@code seq}, or refused
 * (nothing logged) with the reason and the view to retry with.
 */
public record DecideResult(long seq, String refusal, View view) implements Serializable {
    public DecideResult {
        if (seq > 0 == (refusal != null)) throw new IllegalArgumentException("either a seq or a refusal");
        if (refusal != null) Objects.requireNonNull(view, "view");
    }

    public static DecideResult committed(long seq) {
        return new DecideResult(seq, null, null);
    }

    public static DecideResult refused(String reason, View view) {
        return new DecideResult(0, Objects.requireNonNull(reason, "reason"), view);
    }

    public boolean isCommitted() {
        return refusal == null;
    }
}
