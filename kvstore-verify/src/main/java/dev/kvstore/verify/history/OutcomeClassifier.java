package dev.kvstore.verify.history;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;

/**
 * Sorts a failed operation into {@link Outcome#FAIL} (certainly no effect) or {@link Outcome#INFO}
 * (a write that may or may not have taken effect). A read never changes the store, so every failed
 * read is FAIL. Anything it does not recognise counts as INFO: when in doubt, assume the write may
 * have happened. Stateless.
 */
public final class OutcomeClassifier {
    private OutcomeClassifier() {}

    public static Outcome classify(OpType type, Throwable error) {
        if (type == OpType.GET) return Outcome.FAIL;
        if (error instanceof TransactionAbortedException || error instanceof InvalidRequestException) return Outcome.FAIL;
        if (error instanceof UnavailableException unavailable) {
            return unavailable.outcomeUnknown() ? Outcome.INFO : Outcome.FAIL;
        }
        return Outcome.INFO; // RemoteException, a timed-out call, anything unexpected
    }

    /** Whether the client should pick another replica after this error (the one it used may be down or paused). */
    public static boolean shouldSwitchReplica(Throwable error) {
        return !(error instanceof TransactionAbortedException || error instanceof InvalidRequestException);
    }
}
