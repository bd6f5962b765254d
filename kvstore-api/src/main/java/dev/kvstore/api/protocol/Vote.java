package dev.kvstore.api.protocol;

import java.io.Serializable;

/** A participant's answer to {@link Prepare}: COMMIT, or ABORT with the reason. */
public record Vote(boolean commit, String reason) implements Serializable {
    private static final Vote COMMIT = new Vote(true, "");

    public Vote {
        reason = reason == null ? "" : reason;
    }

    public static Vote yes() {
        return COMMIT;
    }

    public static Vote no(String reason) {
        return new Vote(false, reason);
    }
}
