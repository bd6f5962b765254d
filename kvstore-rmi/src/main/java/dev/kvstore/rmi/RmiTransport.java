package dev.kvstore.rmi;

import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How an {@link RmiEndpoint} talks: plain TCP, or mutual TLS 1.3 with the server's own
 * certificate. Immutable.
 */
public final class RmiTransport {
    private static final RmiTransport PLAIN = new RmiTransport(null);

    private final SSLContext serverContext; // null: plain

    private RmiTransport(SSLContext serverContext) {
        this.serverContext = serverContext;
    }

    /** Plain TCP: anyone who reaches the port can connect. */
    public static RmiTransport plain() {
        return PLAIN;
    }

    /**
     * Mutual TLS 1.3: the endpoint presents {@code serverContext}'s certificate and admits only
     * clients with a certificate that context trusts. Clients connect with their own installed
     * {@link TlsContext}.
     */
    public static RmiTransport tls(SSLContext serverContext) {
        return new RmiTransport(Objects.requireNonNull(serverContext, "serverContext"));
    }

    public boolean isTls() {
        return serverContext != null;
    }

    /** The factory carried in the stubs: it holds timeouts only, never keys. */
    RMIClientSocketFactory clientSockets(int connectTimeoutMillis, int readTimeoutMillis) {
        return isTls()
                ? new TlsClientSocketFactory(connectTimeoutMillis, readTimeoutMillis)
                : new TimeoutClientSocketFactory(connectTimeoutMillis, readTimeoutMillis);
    }

    RMIServerSocketFactory serverSockets(String bindAddress, long maxCallBytes) {
        return isTls()
                ? new TlsServerSocketFactory(bindAddress, maxCallBytes, serverContext)
                : new BoundServerSocketFactory(bindAddress, maxCallBytes);
    }

    @Override
    public String toString() {
        return isTls() ? "TLS" : "plain";
    }
}
