package dev.kvstore.server;

import java.util.function.LongSupplier;

/**
 * A replica's read lease. It is counted from when the heartbeat that earned it was sent, which
 * is no later than when the coordinator granted it, minus a margin, on this process's monotonic
 * clock. The assumption: the replica's and the coordinator's monotonic clocks run at the same
 * rate to within a tenth over one lease; on one machine they are the same clock. Thread-safe.
 */
public final class Lease {
    private static final long MIN_MARGIN_NANOS = 5_000_000;

    private final LongSupplier nanoClock;
    private volatile long validUntil = Long.MIN_VALUE;

    public Lease(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A lease of {@code leaseMillis} granted in answer to a heartbeat sent at {@code sentAtNanos}. */
    public void renew(long sentAtNanos, long leaseMillis) {
        if (leaseMillis <= 0) return;
        long lease = leaseMillis * 1_000_000;
        long until = sentAtNanos + lease - Math.max(lease / 10, MIN_MARGIN_NANOS);
        synchronized (this) {
            if (until > validUntil) validUntil = until;
        }
    }

    public synchronized void revoke() {
        validUntil = Long.MIN_VALUE;
    }

    public boolean isValid() {
        return nanoClock.getAsLong() < validUntil;
    }
}
