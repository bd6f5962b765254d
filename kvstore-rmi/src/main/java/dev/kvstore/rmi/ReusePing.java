package dev.kvstore.rmi;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Answers RMI's reuse ping on a connection whose last reply is recent, without a round trip.
 * One per client socket; RMI uses a connection from one thread at a time.
 *
 * <p>Why: before RMI reuses a pooled connection it writes a one-byte ping and waits for the
 * answer, unless the connection was used within twice the last ping's round trip, measured in
 * whole milliseconds. On loopback that round trip is 0 ms, so nearly every reuse pings: with 8
 * writers, 0.68 extra round trips per write, each waking the serving thread on the other side,
 * and on the decide path in front of every write's decision.
 *
 * <p>A ping proves only that the other side was there a moment before the call, so a call on a
 * reused connection can fail anyway, and every caller must handle that. A reply read less than
 * {@link #RECENT_NANOS} ago says as much as the ping would. The answer is given only where the
 * protocol puts a ping: a lone ping byte as the first write after a read, which is where a pooled
 * connection resumes; a call starts with another byte.
 */
final class ReusePing {
    static final byte PING = 0x52;
    static final byte PING_ACK = 0x53;
    static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private volatile long lastReadAt;
    private volatile boolean lastWasRead;
    private volatile boolean ackPending;

    ReusePing(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Called before {@code length} bytes are written. True when they are a reuse ping that this
     * object answers itself: the bytes must then not be sent, and the next read gets the answer.
     */
    boolean answersLocally(byte[] bytes, int offset, int length) {
        boolean ping = length == 1 && bytes[offset] == PING && lastWasRead && nanoClock.getAsLong() - lastReadAt < RECENT_NANOS;
        lastWasRead = false;
        if (ping) ackPending = true;
        return ping;
    }

    /** True, once, when the next read is the answer to a ping answered locally. */
    boolean takeAck() {
        if (!ackPending) return false;
        ackPending = false;
        return true;
    }

    /** Called after a read that returned data. */
    void readSomething() {
        lastReadAt = nanoClock.getAsLong();
        lastWasRead = true;
    }
}
