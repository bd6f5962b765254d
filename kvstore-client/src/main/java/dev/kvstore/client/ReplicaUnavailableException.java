package dev.kvstore.client;

import dev.kvstore.api.protocol.ReplicaId;
import java.util.Objects;

/**
 * No replica could serve the request. When {@link #outcomeUnknown()} is true the request was a
 * write that may or may not have committed (read the key back before retrying if that matters);
 * otherwise it had no effect.
 */
public final class ReplicaUnavailableException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** Why the replica could not serve it. */
    public enum Why {
        /** The replica answered that it does not serve now (not UP, or it could not reach the coordinator). */
        NOT_SERVING,
        /** The replica could not be looked up or connected to: nothing was sent. */
        UNREACHABLE,
        /** The connection failed during the call, or the call failed on the replica. */
        CONNECTION_LOST,
        /** The replica did not answer within the call's deadline. */
        TIMED_OUT
    }

    private final ReplicaId replica;
    private final Why why;
    private final boolean outcomeUnknown;

    public ReplicaUnavailableException(ReplicaId replica, Why why, String message, boolean outcomeUnknown, Throwable cause) {
        super(outcomeUnknown ? message + " (the outcome of the write is unknown)" : message, cause);
        this.replica = Objects.requireNonNull(replica, "replica");
        this.why = Objects.requireNonNull(why, "why");
        this.outcomeUnknown = outcomeUnknown;
    }

    /** The last replica tried. */
    public ReplicaId replica() {
        return replica;
    }

    public Why why() {
        return why;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** Whether trying another replica is safe: only when this request certainly had no effect. */
    public boolean mayFailOver() {
        return !outcomeUnknown;
    }
}
