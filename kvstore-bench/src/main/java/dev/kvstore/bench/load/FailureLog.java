package dev.kvstore.bench.load;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the first few aborts and the first few errors of a target with their cause, then stays
 * quiet: the run's abort and error counts carry the rest. Thread-safe.
 */
public final class FailureLog {
    private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);
    private static final int LOGGED = 3;

    private final String target;
    private final AtomicInteger aborts = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();

    public FailureLog(String target) {
        this.target = target;
    }

    /** Notes a failed operation and returns {@code outcome}, so a client can {@code return log.note(...)}. */
    public Outcome note(Outcome outcome, String operation, Exception cause) {
        int n = (outcome == Outcome.ABORT ? aborts : errors).incrementAndGet();
        if (n <= LOGGED) {
            LOG.warn("{} {} failed ({}): {}{}", target, operation, outcome, cause.toString(),
                    n == LOGGED ? " (further ones are only counted)" : "");
        }
        return outcome;
    }
}
