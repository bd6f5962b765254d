package dev.kvstore.rmi;

import java.io.IOException;
import java.rmi.AccessException;
import java.rmi.AlreadyBoundException;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One port a KVStore process serves on: a registry and the objects bound in it, sharing the
 * same socket factories (plain or TLS, see {@link RmiTransport}), each object behind the
 * deserialization allow-list. Closing it unexports everything.
 */
public final class RmiEndpoint implements AutoCloseable {
    private final int port;
    private final RMIClientSocketFactory clientSockets;
    private final RMIServerSocketFactory serverSockets;
    private final long maxBytes;
    private final Registry registry;
    private final List<Remote> exported = new ArrayList<>();

    /**
     * How much longer than the call timeout a caller of an exported object may wait for an answer.
     * A client's write waits out the proposer's prepare, decide and commit in turn, each bounded by
     * the timeout, so the read timeout carried in the stubs must exceed their sum; the callers'
     * own deadlines stay the real bound.
     */
    public static final int READ_TIMEOUT_FACTOR = 10;

    private RmiEndpoint(int port, String bindAddress, Duration timeout, long maxBytes, RmiTransport transport) throws RemoteException {
        this.port = port;
        int millis = Math.toIntExact(timeout.toMillis());
        this.clientSockets = transport.clientSockets(millis, millis * READ_TIMEOUT_FACTOR);
        this.serverSockets = transport.serverSockets(bindAddress, maxBytes); // one instance: the registry and the objects share the port
        this.maxBytes = maxBytes;
        this.registry = LocateRegistry.createRegistry(port, clientSockets, serverSockets);
    }

    /** Creates a plain registry on {@code port}, listening on {@code bindAddress} only. */
    public static RmiEndpoint open(int port, String bindAddress, Duration timeout, long maxBytes) throws RemoteException {
        return open(port, bindAddress, timeout, maxBytes, RmiTransport.plain());
    }

    /** Creates a registry on {@code port}, listening on {@code bindAddress} only, that talks over {@code transport}. */
    public static RmiEndpoint open(int port, String bindAddress, Duration timeout, long maxBytes, RmiTransport transport)
            throws RemoteException {
        return new RmiEndpoint(port, bindAddress, timeout, maxBytes, transport);
    }

    /** Exports {@code object} on this port behind the allow-list and binds it as {@code name}. */
    public <T extends Remote> void bind(String name, T object) throws RemoteException {
        Remote stub = UnicastRemoteObject.exportObject(
                object, port, clientSockets, serverSockets, SerialFilters.forExportedObjects(maxBytes));
        exported.add(object);
        try {
            registry.bind(name, stub);
        } catch (AlreadyBoundException | AccessException e) {
            throw new RemoteException("cannot bind " + name + " on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        for (Remote object : exported) unexport(object);
        unexport(registry);
    }

    private static void unexport(Remote object) {
        try {
            UnicastRemoteObject.unexportObject(object, true);
        } catch (NoSuchObjectException e) {
            // already gone
        }
    }

    /**
     * Looks up {@code name} in the registry at {@code host:port} under the deadline of {@code calls}.
     * A process that installed a {@link TlsContext} (runs with {@code --tls}) reaches the registry
     * over TLS; the stub found carries its own factory.
     */
    public static <T extends Remote> T lookup(RemoteCalls calls, String host, int port, String name, Class<T> type)
            throws RemoteException, NotBoundException {
        int millis = Math.toIntExact(calls.timeout().toMillis());
        Registry registry = LocateRegistry.getRegistry(host, port, registrySockets(millis));
        Remote stub;
        try {
            stub = calls.call("lookup of " + name + " at " + host + ":" + port, () -> {
                try {
                    return registry.lookup(name);
                } catch (NotBoundException e) {
                    throw new java.rmi.NoSuchObjectException(name + " is not bound at " + host + ":" + port);
                }
            });
        } catch (ConnectIOException e) {
            throw explainPlainClientAtTlsPort(e, host, port);
        }
        if (!type.isInstance(stub)) throw new NotBoundException(name + " at " + host + ":" + port + " is not a " + type.getSimpleName());
        return type.cast(stub);
    }

    /** A plain client reads a TLS server's bytes where it expects RMI's: say what is likely wrong. */
    private static ConnectIOException explainPlainClientAtTlsPort(ConnectIOException e, String host, int port) {
        if (TlsContext.installed().isPresent() || !String.valueOf(e.getMessage()).contains("non-JRMP server")) return e;
        // No cause: callers show the root cause, and this one is the explanation.
        ConnectIOException explained = new ConnectIOException(host + ":" + port + " does not answer plain RMI; it may require TLS (--tls)");
        explained.addSuppressed(e);
        return explained;
    }

    private static RMIClientSocketFactory registrySockets(int millis) {
        // Equal to the factory in the stubs of an endpoint with the same timeout (every peer's), so
        // the lookup's connection is pooled and reused by the calls that follow: one TLS handshake, not two.
        return TlsContext.installed().isPresent()
                ? new TlsClientSocketFactory(millis, millis * READ_TIMEOUT_FACTOR)
                : new TimeoutClientSocketFactory(millis, millis);
    }

    /** Whether something answers a registry lookup at {@code host:port}. */
    public static boolean reachable(RemoteCalls calls, String host, int port, String name) {
        try {
            lookup(calls, host, port, name, Remote.class);
            return true;
        } catch (IOException | NotBoundException e) {
            return false;
        }
    }
}
