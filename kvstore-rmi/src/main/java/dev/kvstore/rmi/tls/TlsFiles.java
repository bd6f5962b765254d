package dev.kvstore.rmi.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a process's TLS identity is kept: a PKCS12 keystore with its key and certificate, a
 * PKCS12 trust store with the cluster CA, and the one password of both. The password is never
 * taken on a command line: it is the first line of {@code passwordFile}, or, when that is null,
 * the {@value #PASSWORD_ENV} environment variable. Paths are made absolute, so the same files
 * can be handed to a child process started elsewhere.
 *
 * @param passwordFile null: read the password from {@value #PASSWORD_ENV}
 */
public record TlsFiles(Path keystore, Path truststore, Path passwordFile) {
    /** The environment variable holding the stores' password when no password file is given. */
    public static final String PASSWORD_ENV = "KVSTORE_STORE_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(TlsFiles.class);

    public TlsFiles {
        keystore = Objects.requireNonNull(keystore, "keystore").toAbsolutePath().normalize();
        truststore = Objects.requireNonNull(truststore, "truststore").toAbsolutePath().normalize();
        if (passwordFile != null) passwordFile = passwordFile.toAbsolutePath().normalize();
    }

    /** The flags that give another KVStore process these same files: {@code --tls --keystore=… --truststore=…}. */
    public List<String> commandLine() {
        List<String> args = new ArrayList<>(List.of("--tls", "--keystore=" + keystore, "--truststore=" + truststore));
        // Without a file the child inherits our environment, and with it the password.
        if (passwordFile != null) args.add("--store-password-file=" + passwordFile);
        return args;
    }

    /** The stores' password, from the file or this process's environment. */
    public char[] password() throws IOException {
        return password(System.getenv());
    }

    char[] password(Map<String, String> environment) throws IOException {
        if (passwordFile == null) {
            String value = environment.get(PASSWORD_ENV);
            if (value == null || value.isEmpty()) {
                throw new IOException("--tls needs the stores' password: --store-password-file FILE, or the "
                        + PASSWORD_ENV + " environment variable");
            }
            return value.toCharArray();
        }
        warnIfOthersCanRead(passwordFile);
        try (BufferedReader reader = Files.newBufferedReader(passwordFile, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null || first.isEmpty()) {
                throw new IOException(passwordFile + " is empty: its first line must be the stores' password");
            }
            return first.toCharArray();
        }
    }

    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("the password file {} can be read by other users; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX, or gone: reading it reports the real problem
        }
    }
}
