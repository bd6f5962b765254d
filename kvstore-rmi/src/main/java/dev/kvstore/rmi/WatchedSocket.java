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
 * <p>In a process that {@linkplain ReusePing#answerInThisProcess answers reuse pings}, a socket
 * that carries RMI directly also answers RMI's reuse ping itself while its last reply is recent.
 * And a read that awaits a reply first polls for it a moment while no other connection of the
 * process awaits one ({@link ReplySpin}); under TLS, the TLS socket's reads poll through this one.
 */
final class WatchedSocket extends Socket {
    private static final long NOT_BLOCKED = Long.MIN_VALUE;

    private final SocketWatchdog watchdog;
    private volatile int readTimeoutMillis;
    /** When the connect or read under way must be over, in {@link System#nanoTime} terms; {@link #NOT_BLOCKED} when none is. */
    private volatile long deadlineNanos = NOT_BLOCKED;
    private volatile boolean expired;
    private final ReusePing reusePing;
    private final ReplySpin replySpin = ReplySpin.forNewConnection();
    private InputStream in; // guarded by this
    private OutputStream out; // guarded by this

    /** An unconnected socket, watched until it is closed. */
    static WatchedSocket create() {
        return create(ReusePing.forNewConnection());
    }

    /** An unconnected socket whose reuse pings {@code reusePing} answers or leaves to the wire. */
    static WatchedSocket create(ReusePing reusePing) {
        return watched(new WatchedSocket(SocketWatchdog.shared(), reusePing));
    }

    /** Like {@link #create}, for a socket under TLS: RMI's bytes pass through it encrypted, so the TLS socket answers pings. */
    static WatchedSocket createBelowTls() {
        return create(ReusePing.OFF);
    }

    private WatchedSocket(SocketWatchdog watchdog, ReusePing reusePing) {
        this.watchdog = watchdog;
        this.reusePing = reusePing;
    }

    private static WatchedSocket watched(WatchedSocket socket) {
        socket.watchdog.watch(socket);
        return socket;
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
        if (in == null) in = reusePing.input(new Watched(super.getInputStream()));
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) out = reusePing.output(new Noted(super.getOutputStream()));
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
        replySpin.closed();
        super.close();
    }

    /** Called by the watchdog: closes this socket if the connect or read under way is past its bound. */
    void closeIfOverdue(long nowNanos) {
        long deadline = deadlineNanos;
        if (deadline == NOT_BLOCKED || nowNanos - deadline < 0) return;
        expired = true;
        watchdog.forget(this);
        replySpin.closed();
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

    /** Notes each write, after which the connection awaits a reply. */
    private final class Noted extends FilterOutputStream {
        Noted(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            replySpin.wrote();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            if (length > 0) replySpin.wrote();
        }
    }

    private final class Watched extends FilterInputStream {
        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            replySpin.beforeRead(this.in);
            int b = (int) watched(super::read);
            if (b >= 0) replySpin.replied();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            replySpin.beforeRead(this.in);
            int n = (int) watched(() -> super.read(buffer, offset, length));
            if (n > 0) replySpin.replied();
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return watched(() -> super.skip(n));
        }
    }
}
