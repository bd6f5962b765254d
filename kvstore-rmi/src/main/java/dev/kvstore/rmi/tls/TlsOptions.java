package dev.kvstore.rmi.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The TLS flags, the same on the coordinator, the replica and the client (a picocli mixin):
 * {@code --tls --keystore FILE --truststore FILE [--store-password-file FILE]}.
 */
public final class TlsOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--tls", description = "Mutual TLS 1.3 on every RMI connection, registries included; each side shows a certificate from the cluster CA (docs/security.md).")
    private boolean enabled;

    @Option(names = "--keystore", paramLabel = "FILE", description = "With --tls: this process's PKCS12 keystore (its key and certificate), e.g. from bin/kvstore-certs.")
    private Path keystore;

    @Option(names = "--truststore", paramLabel = "FILE", description = "With --tls: PKCS12 trust store holding the cluster CA.")
    private Path truststore;

    @Option(names = "--store-password-file", paramLabel = "FILE",
            description = "With --tls: file whose first line is the stores' password (default: the " + TlsFiles.PASSWORD_ENV + " environment variable).")
    private Path passwordFile;

    /** The files named, or empty without {@code --tls}; a store flag without {@code --tls}, or {@code --tls} without both stores, is a usage error. */
    public Optional<TlsFiles> files() {
        if (!enabled) {
            if (keystore != null || truststore != null || passwordFile != null) {
                throw usage("--keystore, --truststore and --store-password-file take effect only with --tls");
            }
            return Optional.empty();
        }
        if (keystore == null || truststore == null) throw usage("--tls needs --keystore FILE and --truststore FILE");
        return Optional.of(new TlsFiles(keystore, truststore, passwordFile));
    }

    /** Reads the stores when {@code --tls} is given; {@link TlsSetup#OFF} otherwise. Problems are usage errors naming the file. */
    public TlsSetup load() {
        Optional<TlsFiles> files = files();
        if (files.isEmpty()) return TlsSetup.OFF;
        try {
            return TlsSetup.load(files.get());
        } catch (IOException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
