package dev.kvstore.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;

/**
 * Opens RMI server sockets on one address only (loopback by default), never on every interface,
 * whose connections refuse any call larger than a byte budget before reading it into memory.
 */
public final class BoundServerSocketFactory implements RMIServerSocketFactory {
    private static final int BACKLOG = 128;

    private final String bindAddress;
    private final long maxCallBytes;

    public BoundServerSocketFactory(String bindAddress, long maxCallBytes) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        if (maxCallBytes < 1024) throw new IllegalArgumentException("maxCallBytes is at least 1 KiB: " + maxCallBytes);
        this.maxCallBytes = maxCallBytes;
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket() {
            @Override
            public java.net.Socket accept() throws IOException {
                java.net.Socket accepted = new CallSizeLimitedSocket(maxCallBytes);
                implAccept(accepted);
                return accepted;
            }
        };
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(bindAddress), port), BACKLOG);
        return socket;
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
