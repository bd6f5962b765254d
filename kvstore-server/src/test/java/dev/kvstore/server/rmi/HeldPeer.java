package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.ForwardBatch;
import dev.kvstore.api.protocol.ForwardBatchReply;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.RemoteException;
import java.rmi.server.ExportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A peer exported over real RMI on loopback that takes every call and holds it until
 * {@link #release()}: lookups answer, calls do not. A held forward then answers each write with
 * {@link #answerTo}; a held deliver fails. Close it to unexport it.
 */
final class HeldPeer implements Participant, AutoCloseable {
    static final String HOST = "127.0.0.1";

    static {
        // Before RMI reads its settings, whichever test class loads this first.
        RmiSettings.install(Duration.ofSeconds(2), HOST, SerialFilters.DEFAULT_MAX_BYTES);
    }

    /** Every forward batch received, in the order the calls arrived. */
    final List<List<List<Write>>> forwardBatches = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final RmiEndpoint endpoint;

    HeldPeer(Duration timeout) throws IOException {
        this.endpoint = openEndpoint(timeout);
        endpoint.bind(Participant.NAME, this);
    }

    int port() {
        return endpoint.port();
    }

    /** What a released forward answers for a write of {@code key}: an abort naming the key. */
    static ForwardReply answerTo(String key) {
        return ForwardReply.aborted(key, "the answer for " + key);
    }

    void release() {
        release.countDown();
    }

    @Override
    public String deliver(String frame) throws RemoteException {
        awaitRelease();
        throw new RemoteException("a held peer answers no deliver");
    }

    @Override
    public String forward(String frame) throws RemoteException {
        ForwardBatch batch;
        try {
            batch = Frames.forwardBatch(Frames.openRequest(frame).body());
        } catch (InvalidObjectException e) {
            throw new RemoteException("a malformed forward", e);
        }
        forwardBatches.add(batch.writes());
        awaitRelease();
        return Frames.reply(new ForwardBatchReply(batch.writes().stream().map(write -> answerTo(write.get(0).key())).toList()));
    }

    @Override
    public void close() {
        release();
        endpoint.close();
    }

    private void awaitRelease() throws RemoteException {
        try {
            if (!release.await(20, TimeUnit.SECONDS)) throw new RemoteException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted while held", e);
        }
    }

    private static RmiEndpoint openEndpoint(Duration timeout) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                port = probe.getLocalPort();
            }
            try {
                return RmiEndpoint.open(port, HOST, timeout, SerialFilters.DEFAULT_MAX_BYTES);
            } catch (ExportException e) {
                if (attempt == 5) throw e;
            }
        }
    }
}
