package dev.kvstore.rmi;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens TLS 1.3 RMI client sockets with a connect timeout and a read timeout, checking that the
 * server's certificate names the host connected to. Serialized into every stub a TLS endpoint
 * exports, so it carries no key material: each process connects with its own certificate and
 * trust store, the {@link TlsContext} it installed at start.
 *
 * <p>The TCP connect and the TLS handshake both count as connecting: each is bounded by the
 * connect timeout, as RMI bounds its own handshake. A paused server accepts TCP connections but
 * never answers the handshake. The TLS layer reads through a {@link WatchedSocket}, so these
 * bounds, like the read timeout after them, are kept by {@link SocketWatchdog}.
 */
public final class TlsClientSocketFactory implements RMIClientSocketFactory, Serializable {
    private static final long serialVersionUID = 1L;

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public TlsClientSocketFactory(int connectTimeoutMillis, int readTimeoutMillis) {
        if (connectTimeoutMillis <= 0 || readTimeoutMillis <= 0) {
            throw new IllegalArgumentException("timeouts are positive: " + connectTimeoutMillis + ", " + readTimeoutMillis);
        }
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(host, port, ReusePing.forNewConnection());
    }

    /** A connected TLS socket whose reuse pings {@code reusePing} answers or leaves to the wire. */
    Socket createSocket(String host, int port, ReusePing reusePing) throws IOException {
        SSLContext context = TlsContext.current();
        Socket plain = WatchedSocket.createBelowTls();
        try {
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(connectTimeoutMillis); // bounds the handshake's reads
            plain.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(TlsServerSocketFactory.PROTOCOLS);
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate's SAN must name host
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            tls.setSoTimeout(readTimeoutMillis);
            return new RefusalRevealingSocket(tls, reusePing);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsClientSocketFactory other
                && other.connectTimeoutMillis == connectTimeoutMillis
                && other.readTimeoutMillis == readTimeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(TlsClientSocketFactory.class, connectTimeoutMillis, readTimeoutMillis);
    }
}
