package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.rmi.tls.TestCertificates;
import dev.kvstore.rmi.tls.TlsSetup;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Under TLS the reuse ping is answered above the encryption, by the socket RMI uses. */
@Timeout(30)
class TlsReusePingTest {
    @Test
    void aReusePingAfterARecentReplyIsAnsweredWithoutReachingTheServer() throws Exception {
        SSLContext context = TestCertificates.clientContext(TestCertificates.cluster(), TestCertificates.cluster());
        RmiTransport node = TlsSetup.load(TestCertificates.node()).transport();
        try (ServerSocket server = node.serverSockets("127.0.0.1", 4096).createServerSocket(0)) {
            CompletableFuture<byte[]> secondCall = new CompletableFuture<>();
            Thread serving = new Thread(() -> serveOneReplyThenRead(server, secondCall), "tls-reuse-ping-server");
            serving.setDaemon(true);
            serving.start();
            try (Socket client = connect(context, server.getLocalPort())) {
                PooledConnectionReuse.callPingAndCallAgain(client);

                assertThat(secondCall.get(10, TimeUnit.SECONDS)).as("the next call, and no ping before it")
                        .isEqualTo(PooledConnectionReuse.NEXT_CALL);
            }
        }
    }

    private static Socket connect(SSLContext context, int port) throws Exception {
        WatchedSocket plain = WatchedSocket.createBelowTls();
        plain.setSoTimeout(5000);
        plain.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
        tls.startHandshake();
        return new RefusalRevealingSocket(tls, new ReusePing(System::nanoTime));
    }

    /**
     * Reads the first call, answers it, and hands on the next two bytes that arrive, before
     * closing: a TLS close waits for the client's own.
     */
    private static void serveOneReplyThenRead(ServerSocket server, CompletableFuture<byte[]> secondCall) {
        try (Socket accepted = server.accept()) {
            accepted.setSoTimeout(10_000);
            InputStream in = accepted.getInputStream();
            in.readNBytes(PooledConnectionReuse.FIRST_CALL.length);
            accepted.getOutputStream().write(PooledConnectionReuse.REPLY);
            accepted.getOutputStream().flush();
            secondCall.complete(in.readNBytes(PooledConnectionReuse.NEXT_CALL.length));
        } catch (Exception e) {
            secondCall.completeExceptionally(e);
        }
    }
}
