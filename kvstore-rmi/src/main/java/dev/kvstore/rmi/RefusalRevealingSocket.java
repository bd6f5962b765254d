package dev.kvstore.rmi;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A client TLS connection, as RMI uses it, that reports a server's refusal of our certificate as
 * the server's own alert. In TLS 1.3 the server judges the client's certificate after the
 * client's handshake is over, so a refusal reaches the client on its first read as an alert
 * (bad_certificate, certificate_required). But when the server has already closed the
 * connection, the client's first write fails first, with "Broken pipe", and hides it; this socket
 * then reads the alert that is waiting and throws that instead. Its {@link ReusePing} may also
 * answer RMI's reuse ping, above the encryption.
 */
final class RefusalRevealingSocket extends java.net.Socket {
    /** How long to look for a waiting alert after a failed write; it is already there when the server refused us. */
    private static final int ALERT_WAIT_MILLIS = 500;

    private final SSLSocket tls;
    private final ReusePing reusePing;
    private InputStream in;
    private OutputStream out;

    RefusalRevealingSocket(SSLSocket tls, ReusePing reusePing) {
        this.tls = tls;
        this.reusePing = reusePing;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        if (out == null) out = reusePing.output(new Revealing(tls.getOutputStream()));
        return out;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) in = reusePing.input(tls.getInputStream());
        return in;
    }

    private IOException reveal(IOException writeFailure) {
        if (writeFailure instanceof SSLException) return writeFailure;
        try {
            tls.setSoTimeout(ALERT_WAIT_MILLIS);
            tls.getInputStream().read();
        } catch (SSLException alert) {
            alert.addSuppressed(writeFailure);
            return alert;
        } catch (IOException | RuntimeException nothingWaiting) {
            writeFailure.addSuppressed(nothingWaiting);
        }
        return writeFailure;
    }

    private final class Revealing extends FilterOutputStream {
        Revealing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw reveal(e);
            }
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            try {
                out.write(buffer, offset, length);
            } catch (IOException e) {
                throw reveal(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw reveal(e);
            }
        }
    }

    // Everything else is the TLS socket's.

    @Override
    public void close() throws IOException {
        tls.close();
    }

    @Override
    public void shutdownInput() throws IOException {
        tls.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        tls.shutdownOutput();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tls.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tls.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        tls.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return tls.getTcpNoDelay();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        tls.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return tls.getKeepAlive();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        tls.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return tls.getSoLinger();
    }

    @Override
    public InetAddress getInetAddress() {
        return tls.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return tls.getLocalAddress();
    }

    @Override
    public int getPort() {
        return tls.getPort();
    }

    @Override
    public int getLocalPort() {
        return tls.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tls.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tls.getLocalSocketAddress();
    }

    @Override
    public boolean isConnected() {
        return tls.isConnected();
    }

    @Override
    public boolean isClosed() {
        return tls.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return tls.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return tls.isOutputShutdown();
    }

    @Override
    public String toString() {
        return "TLS " + tls;
    }
}
