package dev.kvstore.rmi;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Bounds futures in time without a timer task per future: a bound is an entry in a queue, and
 * one sweep every {@value Housekeeper#PERIOD_MILLIS} ms (on the thread that also watches
 * sockets) completes the futures whose deadline has passed and drops those already done. So a
 * deadline fires up to one period late, which is small next to the bounds it keeps. An expired
 * future is completed on that thread, as {@code orTimeout} completes it on the JDK's: what
 * depends on it runs there too and must not block, or the next sweep and the sockets' watch wait.
 *
 * <p>Why not {@link CompletableFuture#orTimeout}: it schedules a task on the JDK's one delay
 * thread, and each time that task becomes the earliest one pending, the thread is woken to wait
 * for it instead. A lone writer bounds its prepare round and its decide, each after the previous
 * bound was cancelled, so that thread woke twice per write, each time taking a core on a
 * two-core machine from the write itself. Thread-safe.
 */
public final class Deadlines {
    private static final Deadlines SHARED = new Deadlines(System::nanoTime);

    static {
        Housekeeper.shared().every(SHARED::sweep);
    }

    /**
     * Fails {@code future} with {@link TimeoutException} if it is not done within {@code timeoutNanos}
     * (give or take one sweep), as {@link CompletableFuture#orTimeout} does, and returns it.
     */
    public static <T> CompletableFuture<T> orTimeout(CompletableFuture<T> future, long timeoutNanos) {
        return SHARED.failAfter(future, timeoutNanos);
    }

    /**
     * Completes {@code future} with {@code value} if it is not done within {@code timeoutNanos}
     * (give or take one sweep), as {@link CompletableFuture#completeOnTimeout} does, and returns it.
     */
    public static <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> future, T value, long timeoutNanos) {
        return SHARED.completeAfter(future, value, timeoutNanos);
    }

    private final LongSupplier nanoClock;
    private final ConcurrentLinkedQueue<Bound> bounds = new ConcurrentLinkedQueue<>();

    /** For tests: deadlines on {@code nanoClock}, swept only when the test calls {@link #sweep()}. */
    Deadlines(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    <T> CompletableFuture<T> failAfter(CompletableFuture<T> future, long timeoutNanos) {
        return bound(future, timeoutNanos, () -> future.completeExceptionally(new TimeoutException()));
    }

    <T> CompletableFuture<T> completeAfter(CompletableFuture<T> future, T value, long timeoutNanos) {
        return bound(future, timeoutNanos, () -> future.complete(value));
    }

    /** Completes every bounded future whose deadline has passed and forgets those that are done. */
    void sweep() {
        long now = nanoClock.getAsLong();
        for (Iterator<Bound> it = bounds.iterator(); it.hasNext(); ) {
            Bound bound = it.next();
            if (bound.future.isDone()) {
                it.remove();
            } else if (now - bound.deadlineNanos >= 0) {
                it.remove();
                bound.onExpiry.run();
            }
        }
    }

    /** How many bounds are kept: futures not yet seen done by a sweep. */
    int kept() {
        return bounds.size();
    }

    private <T> CompletableFuture<T> bound(CompletableFuture<T> future, long timeoutNanos, Runnable onExpiry) {
        if (!future.isDone()) bounds.add(new Bound(future, nanoClock.getAsLong() + timeoutNanos, onExpiry));
        return future;
    }

    private record Bound(CompletableFuture<?> future, long deadlineNanos, Runnable onExpiry) {}
}
