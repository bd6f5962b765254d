package dev.kvstore.rmi;

import java.io.IOException;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;

/**
 * Opens RMI server sockets on one address only (loopback by default), never on every interface,
 * whose connections refuse any call larger than a byte budget before reading it into memory.
 * Plain TCP; {@link TlsServerSocketFactory} is the TLS variant.
 */
public final class BoundServerSocketFactory implements RMIServerSocketFactory {
    private final String bindAddress;
    private final long maxCallBytes;

    public BoundServerSocketFactory(String bindAddress, long maxCallBytes) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (maxCallBytes < 1024) throw new IllegalArgumentException("maxCallBytes is at least 1 KiB: " + maxCallBytes);
        this.maxCallBytes = maxCallBytes;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return CallSizeLimitedServerSocket.bind(bindAddress, port, maxCallBytes, CallSizeLimitedServerSocket.Layer.NONE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundServerSocketFactory other
                && other.bindAddress.equals(bindAddress)
                && other.maxCallBytes == maxCallBytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, maxCallBytes);
    }
}
