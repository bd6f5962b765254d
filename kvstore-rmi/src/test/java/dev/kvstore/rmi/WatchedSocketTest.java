package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.kvstore.rmi.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Client sockets bounded by the watchdog instead of kernel timeouts: a connect or read past its
 * bound fails with a timeout and closes the socket; one within its bound, or a socket idle
 * between reads, is left alone. A real loopback server on the other end, silent or not.
 */
@Timeout(30)
class WatchedSocketTest {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : opened) c.close();
        TlsContext.uninstall();
    }

    @Test
    void aReadThatOutlastsItsTimeoutFailsWithATimeoutAndClosesTheSocket() throws Exception {
        ServerSocket silent = listen(50);
        WatchedSocket client = connectedTo(silent, 200);
        accept(silent); // and never write

        assertThatThrownBy(() -> client.getInputStream().read())
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("Read timed out after 200 ms");
        assertThat(client.isClosed()).isTrue();
        assertThat(SocketWatchdog.shared().watches(client)).as("forgotten once closed").isFalse();
    }

    @Test
    void aSocketIsWatchedUntilItIsClosed() throws Exception {
        ServerSocket server = listen(50);
        WatchedSocket client = connectedTo(server, 1000);
        assertThat(SocketWatchdog.shared().watches(client)).isTrue();

        client.close();

        assertThat(SocketWatchdog.shared().watches(client)).isFalse();
    }

    @Test
    void eachReadIsBoundedOnItsOwnSoTimeIdleBetweenReadsDoesNotCount() throws Exception {
        ServerSocket server = listen(50);
        WatchedSocket client = connectedTo(server, 100);
        Socket peer = accept(server);
        InputStream in = client.getInputStream();

        peer.getOutputStream().write(1);
        assertThat(in.read()).isEqualTo(1);
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> !client.isClosed());
        peer.getOutputStream().write(2);

        assertThat(in.read()).isEqualTo(2);
    }

    @Test
    void aReadWithoutATimeoutIsNotBounded() throws Exception {
        ServerSocket server = listen(50);
        WatchedSocket client = connectedTo(server, 0);
        Socket peer = accept(server);
        Thread reader = new Thread(() -> {
            try {
                client.getInputStream().read();
            } catch (IOException ignored) {
                // closed at the end of the test
            }
        });
        reader.start();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !client.isClosed() && reader.isAlive());
        peer.getOutputStream().write(7);
        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
    }

    @Test
    void aConnectThatHangsFailsWithATimeout() throws Exception {
        // A listener that never accepts, with a backlog of one: once its queue is full the kernel
        // drops further SYNs, so a connect hangs as it does towards a host that is gone.
        ServerSocket full = listen(1);
        SocketTimeoutException timedOut = null;
        for (int i = 0; i < 16 && timedOut == null; i++) {
            WatchedSocket socket = opened(WatchedSocket.create());
            try {
                socket.connect(full.getLocalSocketAddress(), 300);
            } catch (SocketTimeoutException e) {
                timedOut = e;
            }
        }

        assertThat(timedOut).as("some connect to the full listener timed out").isNotNull();
        assertThat(timedOut).hasMessageContaining("timed out after 300 ms");
    }

    @Test
    void theReadTimeoutIsKeptButNotGivenToTheKernel() throws Exception {
        WatchedSocket socket = opened(WatchedSocket.create());

        socket.setSoTimeout(1234);

        assertThat(socket.getSoTimeout()).isEqualTo(1234);
        assertThatThrownBy(() -> socket.setSoTimeout(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTlsHandshakeWithAServerThatNeverAnswersIsBoundedByTheConnectTimeout() throws Exception {
        TlsContext.install(TestCertificates.clientContext(TestCertificates.cluster(), TestCertificates.cluster()));
        ServerSocket silent = listen(50);
        TlsClientSocketFactory factory = new TlsClientSocketFactory(300, 10_000);

        Throwable failure = catchThrowable(() -> factory.createSocket("127.0.0.1", silent.getLocalPort()));

        // The TLS layer may wrap the read's failure in its own.
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SocketTimeoutException)) cause = cause.getCause();
        assertThat(cause).as("a SocketTimeoutException in the causes of %s", failure)
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("Read timed out after 300 ms");
    }

    @Test
    void aReadTimeoutSetOnTheTlsLayerReachesTheWatchedSocketBelowIt() throws Exception {
        ServerSocket server = listen(50);
        WatchedSocket plain = connectedTo(server, 300);
        SSLContext context = TestCertificates.clientContext(TestCertificates.cluster(), TestCertificates.cluster());
        SSLSocket tls = opened((SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", server.getLocalPort(), true));

        tls.setSoTimeout(4321);

        assertThat(plain.getSoTimeout()).isEqualTo(4321);
    }

    @Test
    void thePlainClientFactoryMakesWatchedSockets() throws Exception {
        ServerSocket server = listen(50);

        Socket socket = opened(new TimeoutClientSocketFactory(1000, 250).createSocket("127.0.0.1", server.getLocalPort()));

        assertThat(socket).isInstanceOf(WatchedSocket.class);
        assertThat(socket.getSoTimeout()).isEqualTo(250);
    }

    @Test
    void aReusePingAfterARecentReplyIsAnsweredWithoutReachingTheServer() throws Exception {
        ServerSocket server = listen(50);
        WatchedSocket client = connectedTo(server, 2000, new ReusePing(System::nanoTime));
        Socket peer = accept(server);
        peer.getOutputStream().write(PooledConnectionReuse.REPLY); // waits in the client's receive buffer

        PooledConnectionReuse.callPingAndCallAgain(client);

        assertThat(peer.getInputStream().readNBytes(PooledConnectionReuse.FIRST_CALL.length)).isEqualTo(PooledConnectionReuse.FIRST_CALL);
        assertThat(peer.getInputStream().readNBytes(PooledConnectionReuse.NEXT_CALL.length)).as("the next call, and no ping before it")
                .isEqualTo(PooledConnectionReuse.NEXT_CALL);
    }

    @Test
    void aSocketThatDoesNotAnswerReusePingsSendsThem() throws Exception {
        ServerSocket server = listen(50);
        WatchedSocket client = connectedTo(server, 2000, ReusePing.OFF);
        Socket peer = accept(server);
        peer.getOutputStream().write(0x51);
        assertThat(client.getInputStream().read()).isEqualTo(0x51);

        client.getOutputStream().write(ReusePing.PING);
        peer.getOutputStream().write(ReusePing.PING_ACK);

        assertThat(peer.getInputStream().read()).isEqualTo(ReusePing.PING);
        assertThat(client.getInputStream().read()).isEqualTo(ReusePing.PING_ACK);
    }

    private ServerSocket listen(int backlog) throws IOException {
        return opened(new ServerSocket(0, backlog, InetAddress.getLoopbackAddress()));
    }

    private WatchedSocket connectedTo(ServerSocket server, int readTimeoutMillis) throws IOException {
        return connectedTo(server, readTimeoutMillis, ReusePing.OFF);
    }

    private WatchedSocket connectedTo(ServerSocket server, int readTimeoutMillis, ReusePing reusePing) throws IOException {
        WatchedSocket client = opened(WatchedSocket.create(reusePing));
        client.setSoTimeout(readTimeoutMillis);
        client.connect(server.getLocalSocketAddress(), 1000);
        return client;
    }

    private Socket accept(ServerSocket server) throws IOException {
        return opened(server.accept());
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
