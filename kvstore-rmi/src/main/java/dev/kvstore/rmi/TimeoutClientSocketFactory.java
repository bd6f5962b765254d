package dev.kvstore.rmi;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;
import java.util.Objects;

/**
 * Opens RMI client sockets with a connect timeout and a read timeout, both kept by
 * {@link SocketWatchdog} rather than by the kernel ({@link WatchedSocket} says why). Serialized
 * into every stub a KVStore process exports, so any client of that stub connects with these bounds.
 *
 * <p>RMI replaces the read timeout with {@code sun.rmi.transport.tcp.responseTimeout} after the
 * handshake, so {@link RmiSettings#install} sets that too; {@link RemoteCalls} adds the deadline
 * that really bounds a call.
 */
public final class TimeoutClientSocketFactory implements RMIClientSocketFactory, Serializable {
    private static final long serialVersionUID = 1L;

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public TimeoutClientSocketFactory(int connectTimeoutMillis, int readTimeoutMillis) {
        if (connectTimeoutMillis <= 0 || readTimeoutMillis <= 0) {
            throw new IllegalArgumentException("timeouts are positive: " + connectTimeoutMillis + ", " + readTimeoutMillis);
        }
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = WatchedSocket.create();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(readTimeoutMillis);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeoutClientSocketFactory other
                && other.connectTimeoutMillis == connectTimeoutMillis
                && other.readTimeoutMillis == readTimeoutMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeoutMillis, readTimeoutMillis);
    }
}
