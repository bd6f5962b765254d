package dev.kvstore.rmi;

import java.io.IOException;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * This process's TLS identity for outgoing RMI connections: its certificate and the cluster CA it
 * trusts. A process installs it once in {@code main}, from its own key and trust stores
 * ({@code --tls}); every {@link TlsClientSocketFactory} in the stubs it receives
 * connects with it, and registry lookups switch to TLS. Thread-safe.
 */
public final class TlsContext {
    private static volatile SSLContext installed;

    private TlsContext() {}

    /** Makes {@code context} this process's TLS identity, replacing any installed before (tests swap it). */
    public static void install(SSLContext context) {
        if (context == null) throw new IllegalArgumentException("install a context, or call uninstall()");
        installed = context;
    }

    /** Forgets the installed identity: this process speaks plain RMI again. */
    public static void uninstall() {
        installed = null;
    }

    /** The installed identity, if this process runs with TLS. */
    public static Optional<SSLContext> installed() {
        return Optional.ofNullable(installed);
    }

    /** The installed identity; an {@link IOException} saying so when there is none. */
    public static SSLContext current() throws IOException {
        SSLContext context = installed;
        if (context == null) {
            throw new IOException("this process has no TLS configuration (--tls), but the server it calls speaks TLS");
        }
        return context;
    }
}
