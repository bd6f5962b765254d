package dev.kvstore.client;

/** A write was aborted on every attempt, the first one and {@link #retries()} retries. Nothing committed; safe to try again later. */
public final class AbortedException extends ClientException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int retries;

    public AbortedException(String reason, int retries, Throwable cause) {
        super(reason + ", " + retried(retries), cause);
        this.reason = reason;
        this.retries = retries;
    }

    /** Why the last attempt was aborted, as the replica said it. */
    public String reason() {
        return reason;
    }

    public int retries() {
        return retries;
    }

    private static String retried(int retries) {
        return switch (retries) {
            case 0 -> "not retried";
            case 1 -> "retried once";
            default -> "retried " + retries + " times";
        };
    }
}
