package dev.kvstore.server.txn;

import java.util.concurrent.CompletionException;

/** Reads the failures of the write path's futures. Stateless. */
public final class Completions {
    private Completions() {}

    /** What failed: a dependent stage wraps its source's failure in a {@link CompletionException}. */
    public static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
