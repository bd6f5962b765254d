package dev.kvstore.api;

/**
 * The write did not commit anywhere: it conflicted with another transaction or with a view change.
 * Safe to retry.
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

    public String txId() {
        return txId;
    }

    public String reason() {
        return reason;
    }
}
