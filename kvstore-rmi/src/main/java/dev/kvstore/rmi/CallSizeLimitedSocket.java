package dev.kvstore.rmi;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A server-side socket that refuses a call larger than a byte budget before it is read into
 * memory. RMI serves one call at a time on a connection and answers each before reading the
 * next, so the bytes read since the socket last wrote are the bytes of the current call; past
 * the budget the read fails and RMI drops the connection. The deserialization filter cannot do
 * this: it is never asked about the length of a string.
 */
final class CallSizeLimitedSocket extends Socket {
    private final long maxCallBytes;
    private long readSinceLastWrite;
    private InputStream in;
    private OutputStream out;

    CallSizeLimitedSocket(long maxCallBytes) {
        this.maxCallBytes = maxCallBytes;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) in = new Counting(super.getInputStream());
        return in;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) out = new Resetting(super.getOutputStream());
        return out;
    }

    private synchronized void count(long bytes) throws IOException {
        readSinceLastWrite += bytes;
        if (readSinceLastWrite > maxCallBytes) {
            throw new IOException("a call of more than " + maxCallBytes + " bytes from " + getRemoteSocketAddress() + " was refused");
        }
    }

    private synchronized void wrote() {
        readSinceLastWrite = 0;
    }

    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) count(skipped);
            return skipped;
        }
    }

    private final class Resetting extends FilterOutputStream {
        Resetting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            wrote();
            out.write(b);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            wrote();
            out.write(buffer, offset, length);
        }
    }
}
