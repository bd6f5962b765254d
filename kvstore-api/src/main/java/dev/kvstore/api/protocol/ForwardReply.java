package dev.kvstore.api.protocol;

import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import java.io.Serializable;
import java.util.Objects;

/**
 * What became of one write of a {@link ForwardBatch}. {@link Outcome#DECLINED} means it certainly committed
 * nowhere and the forwarding replica may propose it itself; every other outcome is final and is
 * what the client hears.
 *
 * @param presentBefore for a committed single-key delete: whether the key held a live value
 * @param txId the aborted transaction's id, empty otherwise
 * @param reason why it aborted, was declined, or has an unknown outcome; empty when committed
 */
public record ForwardReply(Outcome outcome, boolean presentBefore, String txId, String reason) implements Serializable {
    public enum Outcome {
        COMMITTED,
        ABORTED,
        /** It may or may not have committed. */
        OUTCOME_UNKNOWN,
        /** Not proposed, or certainly not committed: the forwarding replica may propose it. */
        DECLINED
    }

    public ForwardReply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(reason, "reason");
    }

    public static ForwardReply committed(boolean presentBefore) {
        return new ForwardReply(Outcome.COMMITTED, presentBefore, "", "");
    }

    public static ForwardReply aborted(String txId, String reason) {
        return new ForwardReply(Outcome.ABORTED, false, txId, reason);
    }

    public static ForwardReply outcomeUnknown(String reason) {
        return new ForwardReply(Outcome.OUTCOME_UNKNOWN, false, "", reason);
    }

    public static ForwardReply declined(String reason) {
        return new ForwardReply(Outcome.DECLINED, false, "", reason);
    }

    public boolean declined() {
        return outcome == Outcome.DECLINED;
    }

    /**
     * The committed write's {@link #presentBefore}, or the client's error: aborted (retryable) or
     * unavailable with the outcome unknown. A declined write has no client answer yet.
     */
    public boolean presentBeforeOrThrow() throws TransactionAbortedException, UnavailableException {
        return switch (outcome) {
            case COMMITTED -> presentBefore;
            case ABORTED -> throw new TransactionAbortedException(txId, reason);
            case OUTCOME_UNKNOWN -> throw new UnavailableException(reason, true);
            case DECLINED -> throw new IllegalStateException("a declined write has no answer for the client: " + reason);
        };
    }

}
