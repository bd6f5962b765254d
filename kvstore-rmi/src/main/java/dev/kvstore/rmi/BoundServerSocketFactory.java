package dev.kvstore.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Objects;

/** Opens RMI server sockets on one address only (loopback by default), never on every interface. */
public final class BoundServerSocketFactory implements RMIServerSocketFactory {
    private static final int BACKLOG = 128;

    private final String bindAddress;

    public BoundServerSocketFactory(String bindAddress) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(bindAddress), port), BACKLOG);
        return socket;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundServerSocketFactory other && other.bindAddress.equals(bindAddress);
    }

    @Override
    public int hashCode() {
        return bindAddress.hashCode();
    }
}
