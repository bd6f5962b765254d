package dev.kvstore.client;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.RemoteException;
import java.time.Duration;

/**
 * A {@link FakeKVStore} exported over real RMI on a free loopback port, as a replica exports its
 * KVStore. It can be stopped and started again on the same port mid-test. Not thread-safe.
 */
public final class RmiFakeReplica implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    static {
        installRmiSettings();
    }

    private final int port;
    private final FakeKVStore store;
    private RmiEndpoint endpoint;

    private RmiFakeReplica(int port) throws RemoteException {
        this.port = port;
        this.store = new FakeKVStore(new ReplicaId("127.0.0.1", port));
        start();
    }

    /** RMI reads its timeouts once per JVM: every test class that talks RMI calls this first. */
    public static void installRmiSettings() {
        RmiSettings.install(TIMEOUT, "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    public static RmiFakeReplica start(int port) throws RemoteException {
        return new RmiFakeReplica(port);
    }

    public static RmiFakeReplica startOnFreePort() throws RemoteException {
        return new RmiFakeReplica(freePort());
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public FakeKVStore store() {
        return store;
    }

    /** Exports the store again on the same port, as a restarted replica does. */
    public void start() throws RemoteException {
        if (endpoint != null) throw new IllegalStateException("This replica is already running; stop it first.");
        endpoint = RmiEndpoint.open(port, "127.0.0.1", TIMEOUT, SerialFilters.DEFAULT_MAX_BYTES);
        endpoint.bind(KVStore.NAME, store);
    }

    /** Unexports everything and closes the port, as a stopped replica does. */
    public void stop() {
        if (endpoint != null) endpoint.close();
        endpoint = null;
    }

    @Override
    public void close() {
        stop();
    }
}
