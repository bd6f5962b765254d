package dev.kvstore.bench.load;

/** How one benchmark operation ended. */
public enum Outcome {
    /** It succeeded; its latency is recorded. */
    OK,
    /** The system refused it as a conflict, and it is safe to retry (KVStore's TransactionAbortedException). */
    ABORT,
    /** It failed otherwise: unavailable, a remote or connection error, a timeout. */
    ERROR
}
