package dev.kvstore.rmi;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Answers RMI's reuse ping on a connection whose last reply is recent, without a round trip.
 * One per client connection, wrapped around the streams RMI reads and writes
 * ({@link #input}, {@link #output}); RMI uses a connection from one thread at a time.
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
 *
 * <p>Only a process whose callers treat a call that fails on a reused connection like any other
 * failed call may answer pings ({@link #answerInThisProcess}), as cluster members do: a client
 * tells a call that could not connect from one that may have run.
 */
final class ReusePing {
    static final byte PING = 0x52;
    static final byte PING_ACK = 0x53;
    static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Leaves every ping to the wire: its streams are the ones it is given. */
    static final ReusePing OFF = new ReusePing(null, false);

    private static volatile boolean answeredInThisProcess;

    private final LongSupplier nanoClock;
    private final boolean answers;
    private volatile long lastReadAt;
    private volatile boolean lastWasRead;
    private volatile boolean ackPending;

    ReusePing(LongSupplier nanoClock) {
        this(nanoClock, true);
    }

    private ReusePing(LongSupplier nanoClock, boolean answers) {
        this.nanoClock = nanoClock;
        this.answers = answers;
    }

    /** Makes the client connections this process opens from now on answer reuse pings themselves. */
    static void answerInThisProcess() {
        answeredInThisProcess = true;
    }

    /** A ping answerer for a new client connection, {@link #OFF} when this process leaves pings to the wire. */
    static ReusePing forNewConnection() {
        return answeredInThisProcess ? new ReusePing(System::nanoTime) : OFF;
    }

    /** {@code in}, answering a ping that {@link #output} kept off the wire and noting each reply. */
    InputStream input(InputStream in) {
        if (!answers) return in;
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                if (takeAck()) return PING_ACK;
                int b = super.read();
                if (b >= 0) readSomething();
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length > 0 && takeAck()) {
                    buffer[offset] = PING_ACK;
                    return 1;
                }
                int n = super.read(buffer, offset, length);
                if (n > 0) readSomething();
                return n;
            }
        };
    }

    /** {@code out}, with every write passed on whole except a ping this object answers itself. */
    OutputStream output(OutputStream out) {
        if (!answers) return out;
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (!answersLocally(bytes, offset, length)) out.write(bytes, offset, length);
            }
        };
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
