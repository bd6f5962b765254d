package dev.kvstore.api;

/**
 * The replica could not serve the request: it is not UP, or the coordinator could not be reached.
 *
 * <p>When {@link #outcomeUnknown()} is true, a write may or may not have committed; read the key
 * back before retrying if that matters. Otherwise the request had no effect.
 */
public class UnavailableException extends KVException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final boolean outcomeUnknown;

    public UnavailableException(String reason) {
        this(reason, false);
    }

    public UnavailableException(String reason, boolean outcomeUnknown) {
        super(outcomeUnknown ? reason + " (the outcome of the write is unknown)" : reason);
        this.reason = reason;
        this.outcomeUnknown = outcomeUnknown;
    }

    public String reason() {
        return reason;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
