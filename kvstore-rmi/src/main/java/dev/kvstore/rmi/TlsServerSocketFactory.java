package dev.kvstore.rmi;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens RMI server sockets on one address that speak TLS 1.3 only and require a client
 * certificate the process's trust store accepts. Each connection keeps the per-call byte budget
 * of {@link BoundServerSocketFactory}: TLS is layered over a {@link CallSizeLimitedSocket}, which
 * counts the encrypted bytes. Not serialized (only client factories travel in stubs); one instance
 * serves the registry and every object on a port. Thread-safe.
 */
public final class TlsServerSocketFactory implements RMIServerSocketFactory {
    static final String[] PROTOCOLS = {"TLSv1.3"};

    private final String bindAddress;
    private final long maxCallBytes;
    private final SSLContext context;

    public TlsServerSocketFactory(String bindAddress, long maxCallBytes, SSLContext context) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (maxCallBytes < 1024) throw new IllegalArgumentException("maxCallBytes is at least 1 KiB: " + maxCallBytes);
        this.maxCallBytes = maxCallBytes;
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return CallSizeLimitedServerSocket.bind(bindAddress, port, maxCallBytes, this::layerTls);
    }

    /**
     * Puts a server-mode TLS socket over an accepted connection. This does no I/O: the handshake
     * runs at RMI's first read, on the connection's own thread, so a client that never handshakes
     * holds that thread only, never the accept loop.
     */
    private Socket layerTls(Socket accepted) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
        tls.setUseClientMode(false);
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setNeedClientAuth(true); // no certificate from the cluster CA, no connection
        tls.setSSLParameters(parameters);
        return tls;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsServerSocketFactory other
                && other.bindAddress.equals(bindAddress)
                && other.maxCallBytes == maxCallBytes
                && other.context == context; // an SSLContext has no value equality: the same keys means the same instance
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, maxCallBytes, System.identityHashCode(context));
    }
}
