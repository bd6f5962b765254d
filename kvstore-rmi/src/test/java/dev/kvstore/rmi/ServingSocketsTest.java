package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RMI serves calls with blocking reads, and keep-alive watches the connections it reads from. */
class ServingSocketsTest {
    private static final String READ_TIMEOUT = "sun.rmi.transport.tcp.readTimeout";

    @Test
    @Timeout(10)
    void acceptedConnectionsKeepTcpKeepAliveOn() throws Exception {
        try (ServerSocket server = CallSizeLimitedServerSocket.bind("127.0.0.1", 0, 1 << 20, CallSizeLimitedServerSocket.Layer.NONE);
                Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5_000);
            try (Socket accepted = server.accept()) {
                assertThat(accepted.getKeepAlive()).isTrue();
            }
        }
    }

    @Test
    void installTurnsTheServingReadTimeoutOffUnlessTheCommandLineSetIt() {
        String before = System.getProperty(READ_TIMEOUT);
        try {
            System.clearProperty(READ_TIMEOUT);
            RmiSettings.install(Duration.ofSeconds(1), "127.0.0.1", 1 << 20);
            assertThat(System.getProperty(READ_TIMEOUT)).isEqualTo("0");

            System.setProperty(READ_TIMEOUT, "5000");
            RmiSettings.install(Duration.ofSeconds(1), "127.0.0.1", 1 << 20);
            assertThat(System.getProperty(READ_TIMEOUT)).isEqualTo("5000");
        } finally {
            if (before == null) System.clearProperty(READ_TIMEOUT);
            else System.setProperty(READ_TIMEOUT, before);
        }
    }
}
