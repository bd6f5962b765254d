package dev.kvstore.rmi;

import java.io.IOException;
import java.rmi.AccessException;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One port a KVStore process serves on: a registry and the objects bound in it, sharing the
 * same socket factories, each object behind the deserialization allow-list. Closing it unexports
 * everything.
 */
public final class RmiEndpoint implements AutoCloseable {
    private final int port;
    private final TimeoutClientSocketFactory clientSockets;
    private final BoundServerSocketFactory serverSockets;
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

    private RmiEndpoint(int port, String bindAddress, Duration timeout, long maxBytes) throws RemoteException {
        this.port = port;
        int millis = Math.toIntExact(timeout.toMillis());
        this.clientSockets = new TimeoutClientSocketFactory(millis, millis * READ_TIMEOUT_FACTOR);
        this.serverSockets = new BoundServerSocketFactory(bindAddress, maxBytes);
        this.maxBytes = maxBytes;
        this.registry = LocateRegistry.createRegistry(port, clientSockets, serverSockets);
    }

    /** Creates a registry on {@code port}, listening on {@code bindAddress} only. */
    public static RmiEndpoint open(int port, String bindAddress, Duration timeout, long maxBytes) throws RemoteException {
        return new RmiEndpoint(port, bindAddress, timeout, maxBytes);
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
     */
    public static <T extends Remote> T lookup(RemoteCalls calls, String host, int port, String name, Class<T> type)
            throws RemoteException, NotBoundException {
        int millis = Math.toIntExact(calls.timeout().toMillis());
        Registry registry = LocateRegistry.getRegistry(host, port, new TimeoutClientSocketFactory(millis, millis));
        Remote stub = calls.call("lookup of " + name + " at " + host + ":" + port, () -> {
            try {
                return registry.lookup(name);
            } catch (NotBoundException e) {
                throw new java.rmi.NoSuchObjectException(name + " is not bound at " + host + ":" + port);
            }
        });
        if (!type.isInstance(stub)) throw new NotBoundException(name + " at " + host + ":" + port + " is not a " + type.getSimpleName());
        return type.cast(stub);
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
