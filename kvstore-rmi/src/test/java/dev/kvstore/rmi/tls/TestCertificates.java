package dev.kvstore.rmi.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for the TLS tests, made once per test JVM by the code behind bin/kvstore-certs:
 * the cluster's, and a second, unrelated CA's. keytool is slow to start, so they are shared.
 * Deleted when the JVM exits.
 */
public final class TestCertificates {
    /** A host the cluster's node certificate names besides localhost and 127.0.0.1. */
    public static final String EXTRA_HOST = "kv1.example.com";

    private static ClusterCertificates.Issued cluster;
    private static ClusterCertificates.Issued otherCa;

    private TestCertificates() {}

    public static synchronized ClusterCertificates.Issued cluster() {
        if (cluster == null) cluster = generate("kvstore-test-ca", List.of(EXTRA_HOST));
        return cluster;
    }

    /** Another CA with its own node and client certificates, which the cluster does not trust. */
    public static synchronized ClusterCertificates.Issued otherCa() {
        if (otherCa == null) otherCa = generate("kvstore-other-ca", List.of());
        return otherCa;
    }

    /** The cluster's own files for a node: its node keystore, the trust store, the password file. */
    public static TlsFiles node() {
        ClusterCertificates.Issued c = cluster();
        return new TlsFiles(c.nodeKeystore(), c.truststore(), c.passwordFile());
    }

    /** The cluster's own files for a client. */
    public static TlsFiles client() {
        ClusterCertificates.Issued c = cluster();
        return new TlsFiles(c.clientKeystore(), c.truststore(), c.passwordFile());
    }

    /**
     * A context that trusts {@code trust}'s CA and shows {@code keys}'s client certificate, or
     * none when {@code keys} is null; the two may come from different CAs, with different passwords.
     */
    public static SSLContext clientContext(ClusterCertificates.Issued keys, ClusterCertificates.Issued trust) {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (keys != null) keyManagers.init(load(keys.clientKeystore(), keys.passwordFile()), password(keys.passwordFile()));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(load(trust.truststore(), trust.passwordFile()));
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys != null ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test TLS context", e);
        }
    }

    private static KeyStore load(Path file, Path passwordFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password(passwordFile));
        }
        return store;
    }

    private static char[] password(Path file) throws IOException {
        return Files.readAllLines(file).get(0).toCharArray();
    }

    private static ClusterCertificates.Issued generate(String prefix, List<String> hosts) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
            return ClusterCertificates.generate(dir.resolve("certs"), hosts, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
