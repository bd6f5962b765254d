package dev.kvstore.rmi.tls;

import dev.kvstore.rmi.RmiTransport;
import dev.kvstore.rmi.TlsContext;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * A process's choice of RMI transport: {@link #OFF}, or TLS with the identity read from its
 * {@link TlsFiles}. Immutable; {@link #installForProcess} is the one step with a JVM-wide effect.
 */
public final class TlsSetup {
    /** Plain RMI. */
    public static final TlsSetup OFF = new TlsSetup(null, null);

    private final TlsFiles files;
    private final SSLContext context;

    private TlsSetup(TlsFiles files, SSLContext context) {
        this.files = files;
        this.context = context;
    }

    /** Reads the stores; an unreadable store or a missing password is an {@link IOException} that names it. */
    public static TlsSetup load(TlsFiles files) throws IOException {
        return new TlsSetup(files, TlsStores.load(Objects.requireNonNull(files, "files")));
    }

    public boolean isOn() {
        return context != null;
    }

    /**
     * Makes this identity the one every outgoing RMI connection of this JVM presents (see
     * {@link TlsContext}), and warms the TLS stack up with one loopback handshake so that the
     * first real connection is not the slow one; does nothing when TLS is off. Call it once in
     * {@code main}.
     */
    public TlsSetup installForProcess() {
        if (!isOn()) return this;
        TlsContext.install(context);
        TlsWarmUp.handshakeWithSelf(context);
        return this;
    }

    /** The transport for this process's own endpoint. */
    public RmiTransport transport() {
        return isOn() ? RmiTransport.tls(context) : RmiTransport.plain();
    }

    /** The flags that give a child process the same setup; none when TLS is off. */
    public List<String> commandLine() {
        return isOn() ? files.commandLine() : List.of();
    }

    @Override
    public String toString() {
        return isOn() ? "TLS (keystore " + files.keystore() + ")" : "plain";
    }
}
