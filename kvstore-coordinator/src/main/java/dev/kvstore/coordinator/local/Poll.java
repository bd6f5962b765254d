package dev.kvstore.coordinator.local;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Waits for a condition on processes that must catch up, with a deadline; for harnesses, not for the protocol. */
final class Poll {
    private static final long INTERVAL_MILLIS = 100;

    private Poll() {}

    /**
     * Polls {@code condition} until it holds or {@code within} passes; a condition that throws counts
     * as not yet. On timeout throws {@link IllegalStateException} with {@code state}'s description.
     */
    static void until(Duration within, String what, Callable<Boolean> condition, Supplier<String> state) {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) return;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + within + " waiting for " + what
                        + (last != null ? " (last error: " + last + ")" : "") + "\n" + state.get());
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
