package dev.kvstore.rmi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A server socket on one address whose accepted connections refuse a call over a byte budget
 * ({@link CallSizeLimitedSocket}), optionally with a layer (TLS) put over each connection before
 * RMI reads from it. {@link #accept} does no I/O beyond the TCP accept, so a client that connects
 * and sends nothing never holds up RMI's accept loop.
 */
final class CallSizeLimitedServerSocket extends ServerSocket {
    /** What goes over an accepted connection; it must not read or write, or it would stall the accept loop. */
    @FunctionalInterface
    interface Layer {
        Layer NONE = accepted -> accepted;

        Socket over(Socket accepted) throws IOException;
    }

    private static final int BACKLOG = 128;

    private final long maxCallBytes;
    private final Layer layer;

    private CallSizeLimitedServerSocket(long maxCallBytes, Layer layer) throws IOException {
        this.maxCallBytes = maxCallBytes;
        this.layer = layer;
    }

    /** A server socket bound to {@code bindAddress:port}. */
    static ServerSocket bind(String bindAddress, int port, long maxCallBytes, Layer layer) throws IOException {
        CallSizeLimitedServerSocket socket = new CallSizeLimitedServerSocket(maxCallBytes, layer);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), BACKLOG);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public Socket accept() throws IOException {
        Socket accepted = new CallSizeLimitedSocket(maxCallBytes);
        implAccept(accepted);
        try {
            // RMI reads calls without a timeout (RmiSettings): keep-alive notices a peer that vanished.
            accepted.setKeepAlive(true);
            return layer.over(accepted);
        } catch (IOException | RuntimeException e) {
            accepted.close();
            throw e;
        }
    }
}
