package dev.kvstore.verify.nemesis;

/** Waits until a history time; the run sleeps, tests return at once. */
@FunctionalInterface
public interface Pacer {
    /** Returns at {@code nanos} (history time) or later; throws when the wait is interrupted. */
    void awaitTime(long nanos) throws InterruptedException;
}
