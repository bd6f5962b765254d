package dev.kvstore.rmi;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Lets a client connection that awaits a reply poll for it briefly before its read blocks, while
 * it is the only connection of this process awaiting one. One per client connection.
 *
 * <p>Why: a thread that blocks on a read is woken by the kernel when the reply arrives, and on
 * this kind of machine (a virtual one, its idle cores halted) that wake-up costs more than the
 * rest of a round trip on loopback. A lone caller that polls instead finds its reply the moment
 * it lands: measured with one RMI caller on loopback, 14,000 calls/s blocking against 40,000
 * polling. With more than one call under way the cores have other work, and a poll would take
 * a core from it, so a connection polls only while no other connection of its process awaits a
 * reply, and stops as soon as one does.
 *
 * <p>A connection awaits a reply from its first write after a read (or after it opened) until a
 * read returns data or it closes. The poll asks the socket how many bytes it holds, a system call
 * that never blocks; the budget ({@link RmiSettings#REPLY_SPIN_PROPERTY}) bounds what a caller
 * whose reply is slow spends on it. And a connection whose last reply took more than
 * {@value #SLOW_REPLY_BUDGETS} budgets does not poll for the next one, so a lone writer, whose
 * replies wait for a two-phase commit, does not spend the budget on every write; the first quick
 * reply after that turns polling on again. The bar is above the budget because a reply waited
 * for without polling includes the wake-up: at the budget itself, one slow reply would make the
 * next ones look slow too, and a reader would stop polling for good.
 */
final class ReplySpin {
    static final int SLOW_REPLY_BUDGETS = 4;
    private static final AtomicInteger AWAITING = new AtomicInteger();

    private final AtomicInteger awaitingInProcess;
    private final long budgetNanos;
    private final LongSupplier nanoClock;
    private final AtomicBoolean awaiting = new AtomicBoolean();
    private volatile long awaitingSince;
    private volatile boolean lastReplyQuick = true;

    private ReplySpin(AtomicInteger awaitingInProcess, long budgetNanos, LongSupplier nanoClock) {
        this.awaitingInProcess = awaitingInProcess;
        this.budgetNanos = budgetNanos;
        this.nanoClock = nanoClock;
    }

    /** For a new client connection of this process. */
    static ReplySpin forNewConnection() {
        return new ReplySpin(AWAITING, RmiSettings.replySpinNanos(), System::nanoTime);
    }

    /** For tests: connections that count each other in {@code awaitingInProcess}. */
    static ReplySpin of(AtomicInteger awaitingInProcess, long budgetNanos, LongSupplier nanoClock) {
        return new ReplySpin(awaitingInProcess, budgetNanos, nanoClock);
    }

    /** Called after bytes were written: the connection now awaits a reply. */
    void wrote() {
        if (awaiting.compareAndSet(false, true)) {
            awaitingSince = nanoClock.getAsLong();
            awaitingInProcess.incrementAndGet();
        }
    }

    /** Called after a read returned data: the reply is here. */
    void replied() {
        if (awaiting.compareAndSet(true, false)) {
            awaitingInProcess.decrementAndGet();
            lastReplyQuick = nanoClock.getAsLong() - awaitingSince <= SLOW_REPLY_BUDGETS * budgetNanos;
        }
    }

    /** Called when the connection closes. */
    void closed() {
        if (awaiting.compareAndSet(true, false)) awaitingInProcess.decrementAndGet();
    }

    /**
     * Called before a blocking read of {@code in}: returns once {@code in} has data, the budget
     * is spent, or another connection of this process awaits a reply; at once if this one awaits
     * none or its last reply was slow. A failure to ask {@code in} ends the poll; the read that
     * follows reports it.
     */
    void beforeRead(InputStream in) {
        if (budgetNanos <= 0 || !awaiting.get() || !lastReplyQuick) return;
        long end = nanoClock.getAsLong() + budgetNanos;
        try {
            while (awaitingInProcess.get() == 1 && in.available() == 0 && nanoClock.getAsLong() - end < 0) {
                Thread.yield(); // any runnable thread of this core goes first: a poll only fills idle time
            }
        } catch (IOException e) {
            // the blocking read fails the same way and says so
        }
    }
}
