package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TLS socket factories as values: what stubs carry, and what a process without --tls gets. */
@Timeout(30)
class TlsSocketFactoriesTest {
    @AfterEach
    void uninstall() {
        TlsContext.uninstall();
    }

    @Test
    void theClientFactoryFailsClearlyWhenThisProcessHasNoTlsConfiguration() throws IOException {
        TlsContext.uninstall();
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TlsClientSocketFactory factory = new TlsClientSocketFactory(1000, 1000);

            assertThatThrownBy(() -> factory.createSocket("127.0.0.1", listening.getLocalPort()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no TLS configuration (--tls)");
        }
    }

    @Test
    void clientFactoriesAreEqualByTheirTimeoutsOnly() {
        TlsClientSocketFactory factory = new TlsClientSocketFactory(1000, 10_000);

        assertThat(factory).isEqualTo(new TlsClientSocketFactory(1000, 10_000))
                .hasSameHashCodeAs(new TlsClientSocketFactory(1000, 10_000))
                .isNotEqualTo(new TlsClientSocketFactory(1000, 5_000))
                .isNotEqualTo(new TlsClientSocketFactory(500, 10_000))
                .isNotEqualTo(new TimeoutClientSocketFactory(1000, 10_000));
        assertThatThrownBy(() -> new TlsClientSocketFactory(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientFactoryTravelsInAStubAndArrivesEqual() throws Exception {
        TlsClientSocketFactory factory = new TlsClientSocketFactory(1000, 10_000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }

        Object copy = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(copy).isEqualTo(factory);
        assertThat(bytes.size()).as("timeouts only, no key material").isLessThan(200);
    }

    @Test
    void serverFactoriesAreEqualForTheSameAddressBudgetAndContext() throws Exception {
        SSLContext context = newContext();
        TlsServerSocketFactory factory = new TlsServerSocketFactory("127.0.0.1", 4096, context);

        assertThat(factory).isEqualTo(new TlsServerSocketFactory("127.0.0.1", 4096, context))
                .hasSameHashCodeAs(new TlsServerSocketFactory("127.0.0.1", 4096, context))
                .isNotEqualTo(new TlsServerSocketFactory("127.0.0.1", 4096, newContext()))
                .isNotEqualTo(new TlsServerSocketFactory("0.0.0.0", 4096, context))
                .isNotEqualTo(new TlsServerSocketFactory("127.0.0.1", 8192, context))
                .isNotEqualTo(new BoundServerSocketFactory("127.0.0.1", 4096));
    }

    @Test
    void theTransportChoosesTheFactories() throws Exception {
        SSLContext context = newContext();

        assertThat(RmiTransport.plain().clientSockets(1, 2)).isEqualTo(new TimeoutClientSocketFactory(1, 2));
        assertThat(RmiTransport.plain().serverSockets("127.0.0.1", 4096)).isEqualTo(new BoundServerSocketFactory("127.0.0.1", 4096));
        assertThat(RmiTransport.tls(context).clientSockets(1, 2)).isEqualTo(new TlsClientSocketFactory(1, 2));
        assertThat(RmiTransport.tls(context).serverSockets("127.0.0.1", 4096))
                .isEqualTo(new TlsServerSocketFactory("127.0.0.1", 4096, context));
    }

    private static SSLContext newContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, null, null);
        return context;
    }
}
