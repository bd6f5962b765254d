package dev.kvstore.rmi.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads a process's PKCS12 key and trust stores into an {@link SSLContext}. A store that cannot be
 * read, or holds the wrong kind of entry, is an {@link IOException} naming the file.
 */
final class TlsStores {
    private TlsStores() {}

    static SSLContext load(TlsFiles files) throws IOException {
        char[] password = files.password();
        try {
            KeyStore keys = read("keystore", files.keystore(), password);
            if (Collections.list(keys.aliases()).stream().noneMatch(alias -> isKey(keys, alias))) {
                throw new IOException("keystore " + files.keystore() + " holds no private key: give this process's own keystore");
            }
            KeyStore trusted = read("truststore", files.truststore(), password);
            if (Collections.list(trusted.aliases()).stream().noneMatch(alias -> isCertificate(trusted, alias))) {
                throw new IOException("truststore " + files.truststore() + " holds no trusted certificate: give the cluster CA's truststore");
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS from " + files.keystore() + " and " + files.truststore() + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static KeyStore read(String what, Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (IOException e) {
            // a wrong password shows up as an IOException too, with the reason in its message
            throw new IOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
