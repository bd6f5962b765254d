package dev.kvstore.rmi;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A client socket whose connect and reads are bounded by {@link SocketWatchdog}, which closes
 * the socket when one outlasts its bound, instead of by the socket's own timeouts.
 *
 * <p>Why: a socket that ever had a timed connect or a read timeout runs in non-blocking mode,
 * so each read that finds no reply yet costs a read, a {@code poll} and a read again. Measured
 * with 32 readers, that was about two extra system calls per call on the calling side. This
 * socket never gives the kernel a timeout, so a read is one blocking read.
 *
 * <p>The bounds keep their meaning: a connect fails after its timeout, and each read after the
 * read timeout ({@link #setSoTimeout}; RMI sets it per phase of a connection), both with a
 * {@link SocketTimeoutException}. The socket is then closed, which RMI does anyway with a
 * connection that failed. Thread-safe as {@link Socket} is: one reader at a time.
 *
 * <p>In a process that {@linkplain #answerReusePingsLocally answers reuse pings locally}, the
 * socket also answers RMI's reuse ping itself while its last reply is recent ({@link ReusePing}).
 */
final class WatchedSocket extends Socket {
    private static final long NOT_BLOCKED = Long.MIN_VALUE;
    private static volatile boolean answerReusePings;

    private final SocketWatchdog watchdog;
    private volatile int readTimeoutMillis;
    /** When the connect or read under way must be over, in {@link System#nanoTime} terms; {@link #NOT_BLOCKED} when none is. */
    private volatile long deadlineNanos = NOT_BLOCKED;
    private volatile boolean expired;
    private final ReusePing reusePing; // null when pings go to the wire
    private InputStream in; // guarded by this
    private OutputStream out; // guarded by this

    /** An unconnected socket, watched until it is closed. */
    static WatchedSocket create() {
        return create(answerReusePings);
    }

    /** An unconnected socket that answers reuse pings itself or not, whatever this process does. */
    static WatchedSocket create(boolean answerReusePings) {
        return watched(new WatchedSocket(SocketWatchdog.shared(), answerReusePings));
    }

    /** Like {@link #create}, for a socket under TLS: RMI's bytes pass through it encrypted, pings included. */
    static WatchedSocket createBelowTls() {
        return watched(new WatchedSocket(SocketWatchdog.shared(), false));
    }

    private WatchedSocket(SocketWatchdog watchdog, boolean answerReusePings) {
        this.watchdog = watchdog;
        this.reusePing = answerReusePings ? new ReusePing(System::nanoTime) : null;
    }

    private static WatchedSocket watched(WatchedSocket socket) {
        socket.watchdog.watch(socket);
        return socket;
    }

    /**
     * Makes the client sockets this process opens from now on answer RMI's reuse ping themselves
     * on a connection with a recent reply. Only for a process whose callers treat a call that
     * fails on a reused connection like any other failed call, as cluster members do: a client
     * tells a call that could not connect from one that may have run.
     */
    static void answerReusePingsLocally() {
        answerReusePings = true;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeoutMillis) throws IOException {
        if (timeoutMillis < 0) throw new IllegalArgumentException("a connect timeout is not negative: " + timeoutMillis);
        block(timeoutMillis);
        try {
            super.connect(endpoint, 0); // untimed, so the socket stays in blocking mode
        } catch (IOException e) {
            throw expired ? timedOut("connect to " + endpoint, timeoutMillis, e) : e;
        } finally {
            unblock();
        }
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) in = new Watched(super.getInputStream());
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) out = reusePing == null ? super.getOutputStream() : new PingAnswering(super.getOutputStream());
        return out;
    }

    /** Bounds each read from now on; 0 means unbounded. The kernel's own read timeout stays off. */
    @Override
    public void setSoTimeout(int timeoutMillis) throws SocketException {
        if (timeoutMillis < 0) throw new IllegalArgumentException("a read timeout is not negative: " + timeoutMillis);
        if (isClosed()) throw new SocketException("Socket is closed");
        readTimeoutMillis = timeoutMillis;
    }

    @Override
    public int getSoTimeout() throws SocketException {
        if (isClosed()) throw new SocketException("Socket is closed");
        return readTimeoutMillis;
    }

    @Override
    public void close() throws IOException {
        watchdog.forget(this);
        super.close();
    }

    /** Called by the watchdog: closes this socket if the connect or read under way is past its bound. */
    void closeIfOverdue(long nowNanos) {
        long deadline = deadlineNanos;
        if (deadline == NOT_BLOCKED || nowNanos - deadline < 0) return;
        expired = true;
        watchdog.forget(this);
        try {
            super.close(); // the blocked connect or read fails at once
        } catch (IOException ignored) {
            // closing is all that was asked for; the blocked call reports the timeout
        }
    }

    private void block(int timeoutMillis) {
        deadlineNanos = timeoutMillis == 0 ? NOT_BLOCKED : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    private void unblock() {
        deadlineNanos = NOT_BLOCKED;
    }

    private SocketTimeoutException timedOut(String what, int timeoutMillis, IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException(what + " timed out after " + timeoutMillis + " ms");
        e.initCause(cause);
        return e;
    }

    /** Runs one blocking read under the read timeout. */
    private long watched(BlockingRead read) throws IOException {
        int timeout = readTimeoutMillis;
        block(timeout);
        try {
            return read.run();
        } catch (IOException e) {
            throw expired ? timedOut("Read", timeout, e) : e;
        } finally {
            unblock();
        }
    }

    @FunctionalInterface
    private interface BlockingRead {
        long run() throws IOException;
    }

    private final class Watched extends FilterInputStream {
        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (reusePing != null && reusePing.takeAck()) return ReusePing.PING_ACK;
            int b = (int) watched(super::read);
            if (b >= 0 && reusePing != null) reusePing.readSomething();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (reusePing != null && length > 0 && reusePing.takeAck()) {
                buffer[offset] = ReusePing.PING_ACK;
                return 1;
            }
            int n = (int) watched(() -> super.read(buffer, offset, length));
            if (n > 0 && reusePing != null) reusePing.readSomething();
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return watched(() -> super.skip(n));
        }
    }

    /** Passes writes through whole, except a reuse ping that {@link ReusePing} answers itself. */
    private final class PingAnswering extends FilterOutputStream {
        PingAnswering(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!reusePing.answersLocally(bytes, offset, length)) out.write(bytes, offset, length);
        }
    }
}
