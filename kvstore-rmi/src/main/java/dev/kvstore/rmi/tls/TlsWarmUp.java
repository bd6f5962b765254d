package dev.kvstore.rmi.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS handshake of a process with itself over loopback, at start. A JVM's first handshake
 * loads and initializes the whole TLS and certificate-path stack: measured at 1.8 s on a busy
 * 2-core machine, against 0.1–0.3 s for the next ones. Paid on the first prepare instead, it
 * outlasts the prepare deadline, and the proposer takes its peers for absent and marks them DOWN.
 */
final class TlsWarmUp {
    private static final Logger log = LoggerFactory.getLogger(TlsWarmUp.class);
    private static final int TIMEOUT_MILLIS = 30_000;

    private TlsWarmUp() {}

    /** Best effort: a failure only means the first real connection pays instead. */
    static void handshakeWithSelf(SSLContext context) {
        long started = System.nanoTime();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            Thread serverSide = new Thread(() -> serve(context, server), "tls-warm-up");
            serverSide.setDaemon(true);
            serverSide.start();
            try (SSLSocket client = (SSLSocket) context.getSocketFactory()
                    .createSocket(new Socket(loopback, server.getLocalPort()), loopback.getHostAddress(), server.getLocalPort(), true)) {
                client.setSoTimeout(TIMEOUT_MILLIS);
                client.startHandshake();
                client.getOutputStream().write(0);
                client.getOutputStream().flush();
                client.getInputStream().read(); // the server's answer: it has checked our certificate
            }
            serverSide.join(TIMEOUT_MILLIS);
            log.debug("TLS warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            // e.g. a client-only certificate cannot serve; most of the stack is loaded by then anyway
            log.debug("TLS warm-up handshake failed after {} ms: {}", (System.nanoTime() - started) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(SSLContext context, ServerSocket server) {
        try (Socket accepted = server.accept();
                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true)) {
            tls.setUseClientMode(false);
            tls.setNeedClientAuth(true);
            tls.setSoTimeout(TIMEOUT_MILLIS);
            tls.getInputStream().read();
            tls.getOutputStream().write(0);
            tls.getOutputStream().flush();
        } catch (IOException e) {
            // the client side reports
        }
    }
}
