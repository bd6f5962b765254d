package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kvstore.rmi.tls.TestCertificates;
import dev.kvstore.rmi.tls.TlsSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.Remote;
import java.rmi.RemoteException;
import java.rmi.server.ExportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An {@link RmiEndpoint} over mutual TLS, in-process, with certificates made by the code behind
 * bin/kvstore-certs: clients of the cluster CA get in; clients without a certificate, with one
 * from another CA, or without TLS do not, and the endpoint goes on serving. docs/security.md.
 */
@Timeout(60)
class TlsEndpointTest {
    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(5); // handshakes on a busy machine

    static {
        RmiSettings.install(TIMEOUT, HOST, SerialFilters.DEFAULT_MAX_BYTES);
    }

    /** A tiny remote object. */
    public interface Greeter extends Remote {
        String NAME = "Greeter";

        String greet(String name) throws RemoteException;
    }

    static final class Hello implements Greeter {
        @Override
        public String greet(String name) {
            return "hello " + name;
        }
    }

    private static TlsSetup node;
    private static SSLContext goodClient;

    private final List<RmiEndpoint> endpoints = new ArrayList<>();
    private final RemoteCalls calls = new RemoteCalls(TIMEOUT, "tls-test");

    @BeforeAll
    static void loadCertificates() throws IOException {
        node = TlsSetup.load(TestCertificates.node());
        goodClient = TestCertificates.clientContext(TestCertificates.cluster(), TestCertificates.cluster());
    }

    @AfterEach
    void closeEndpointsAndForgetTheClientIdentity() {
        endpoints.forEach(RmiEndpoint::close);
        calls.close();
        TlsContext.uninstall(); // other test classes in this JVM speak plain RMI
    }

    @Test
    void aClientWithACertificateFromTheClusterCaCallsTheEndpoint() throws Exception {
        RmiEndpoint endpoint = openTls();
        TlsContext.install(goodClient);

        assertThat(greeterAt(endpoint).greet("tls")).isEqualTo("hello tls");
        assertThat(RmiEndpoint.reachable(calls, HOST, endpoint.port(), Greeter.NAME)).isTrue();
    }

    @Test
    void aClientWithoutACertificateIsRefusedAndTheEndpointKeepsServing() throws Exception {
        RmiEndpoint endpoint = openTls();
        TlsContext.install(TestCertificates.clientContext(null, TestCertificates.cluster()));

        assertRefusedByTls(catchThrowable(() -> greeterAt(endpoint)));

        assertGoodClientIsServed(endpoint);
    }

    @Test
    void aClientWithACertificateFromAnotherCaIsRefusedAndTheEndpointKeepsServing() throws Exception {
        RmiEndpoint endpoint = openTls();
        // It trusts our CA, so the refusal is the endpoint's, not the client's.
        TlsContext.install(TestCertificates.clientContext(TestCertificates.otherCa(), TestCertificates.cluster()));

        assertRefusedByTls(catchThrowable(() -> greeterAt(endpoint)));

        assertGoodClientIsServed(endpoint);
    }

    @Test
    void aClientThatTrustsAnotherCaRefusesTheEndpoint() throws Exception {
        RmiEndpoint endpoint = openTls();
        TlsContext.install(TestCertificates.clientContext(TestCertificates.otherCa(), TestCertificates.otherCa()));

        assertRefusedByTls(catchThrowable(() -> greeterAt(endpoint)));

        assertGoodClientIsServed(endpoint);
    }

    @Test
    void aPlainClientCannotTalkToATlsEndpoint() throws Exception {
        RmiEndpoint endpoint = openTls();
        TlsContext.uninstall();

        Throwable refused = catchThrowable(() -> greeterAt(endpoint));

        assertThat(refused).isInstanceOf(RemoteException.class).hasMessageContaining("it may require TLS (--tls)");
        assertGoodClientIsServed(endpoint);
    }

    @Test
    void aTlsClientCannotTalkToAPlainEndpoint() throws Exception {
        RmiEndpoint plain = open(RmiTransport.plain(), SerialFilters.DEFAULT_MAX_BYTES);
        plain.bind(Greeter.NAME, new Hello());
        TlsContext.install(goodClient);

        assertThat(catchThrowable(() -> greeterAt(plain))).isInstanceOf(RemoteException.class);
    }

    @Test
    void connectionsThatNeverHandshakeDoNotHoldUpOtherClients() throws Exception {
        RmiEndpoint endpoint = openTls();
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) silent.add(new Socket(HOST, endpoint.port())); // connect, send nothing

            assertGoodClientIsServed(endpoint);
        } finally {
            for (Socket s : silent) s.close();
        }
    }

    @Test
    void aCallOverTheByteBudgetIsRefusedOverTlsToo() throws Exception {
        RmiEndpoint endpoint = open(node.transport(), 64 * 1024);
        endpoint.bind(Greeter.NAME, new Hello());
        TlsContext.install(goodClient);
        Greeter greeter = greeterAt(endpoint);

        assertThat(catchThrowable(() -> greeter.greet("x".repeat(200_000)))).isInstanceOf(RemoteException.class);

        assertThat(greeter.greet("small")).isEqualTo("hello small");
    }

    private void assertGoodClientIsServed(RmiEndpoint endpoint) throws Exception {
        TlsContext.install(goodClient);
        assertThat(greeterAt(endpoint).greet("again")).isEqualTo("hello again");
    }

    /** Refused during the TLS handshake: an SSLHandshakeException, or a RemoteException caused by one. */
    private static void assertRefusedByTls(Throwable refused) {
        assertThat(refused).isNotNull();
        Throwable cause = refused;
        while (cause != null && !(cause instanceof SSLHandshakeException)) cause = cause.getCause();
        assertThat(cause).as("an SSLHandshakeException in the causes of %s", refused).isInstanceOf(SSLHandshakeException.class);
        assertThat(refused).isInstanceOfAny(SSLHandshakeException.class, RemoteException.class);
    }

    private Greeter greeterAt(RmiEndpoint endpoint) throws Exception {
        return RmiEndpoint.lookup(calls, HOST, endpoint.port(), Greeter.NAME, Greeter.class);
    }

    private RmiEndpoint openTls() throws IOException {
        RmiEndpoint endpoint = open(node.transport(), SerialFilters.DEFAULT_MAX_BYTES);
        endpoint.bind(Greeter.NAME, new Hello());
        return endpoint;
    }

    /** Opens an endpoint on a free loopback port; retries if another process took the port meanwhile. */
    private RmiEndpoint open(RmiTransport transport, long maxBytes) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                RmiEndpoint endpoint = RmiEndpoint.open(freePort(), HOST, TIMEOUT, maxBytes, transport);
                endpoints.add(endpoint);
                return endpoint;
            } catch (ExportException e) {
                if (attempt == 5) throw e;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
