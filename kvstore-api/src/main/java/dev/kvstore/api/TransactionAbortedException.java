package dev.kvstore.api;

/**
 * The write did not commit anywhere: it conflicted with another transaction or with a view change.
 * Safe to retry.
 *
 * <p>An abort is an outcome, not a fault, and under contention a frequent one, so it is created
 * without the server's stack trace: that trace would say nothing to the client, yet was a large
 * part of every aborted call's cost on the wire. The client's RMI layer still fills in the frames
 * of the call that received it.
 */
public class TransactionAbortedException extends KVException {
    private static final long serialVersionUID = 1L;

    private final String txId;
    private final String reason;

    public TransactionAbortedException(String txId, String reason) {
        super("transaction " + txId + " aborted: " + reason);
        this.txId = txId;
        this.reason = reason;
    }

    /** Records no frames here; see the class comment. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    public String txId() {
        return txId;
    }

    public String reason() {
        return reason;
    }
}
