package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.rmi.tls.TestCertificates;
import dev.kvstore.rmi.tls.TlsSetup;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Under TLS the reuse ping is answered above the encryption, by the socket RMI uses. */
@Timeout(30)
class TlsReusePingTest {
    @AfterEach
    void uninstall() {
        TlsContext.uninstall(); // other test classes in this JVM speak plain RMI
    }

    @Test
    void aReusePingAfterARecentReplyIsAnsweredWithoutReachingTheServer() throws Exception {
        TlsContext.install(TestCertificates.clientContext(TestCertificates.cluster(), TestCertificates.cluster()));
        RmiTransport node = TlsSetup.load(TestCertificates.node()).transport();
        try (ServerSocket server = node.serverSockets("127.0.0.1", 4096).createServerSocket(0)) {
            CompletableFuture<byte[]> secondCall = new CompletableFuture<>();
            Thread serving = new Thread(() -> serveOneReplyThenRead(server, secondCall), "tls-reuse-ping-server");
            serving.setDaemon(true);
            serving.start();
            TlsClientSocketFactory factory = new TlsClientSocketFactory(1000, 5000);
            try (Socket client = factory.createSocket("127.0.0.1", server.getLocalPort(), new ReusePing(System::nanoTime))) {
                PooledConnectionReuse.callPingAndCallAgain(client);

                assertThat(secondCall.get(10, TimeUnit.SECONDS)).as("the next call, and no ping before it")
                        .isEqualTo(PooledConnectionReuse.NEXT_CALL);
            }
        }
    }

    /**
     * Reads the first call, answers it, and hands on the next call that arrives, before
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
