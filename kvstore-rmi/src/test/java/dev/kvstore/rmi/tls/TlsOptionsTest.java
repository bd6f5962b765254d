package dev.kvstore.rmi.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.rmi.TlsContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** The TLS flags every KVStore command shares. docs/security.md, "Turning TLS on". */
@Timeout(120)
class TlsOptionsTest {
    @Command(name = "some-command")
    static final class SomeCommand {
        @Mixin
        TlsOptions tls;
    }

    @TempDir
    Path dir;

    @AfterEach
    void uninstall() {
        TlsContext.uninstall();
    }

    @Test
    void withoutTlsTheProcessSpeaksPlainRmi() {
        TlsSetup setup = parse().tls.load();

        assertThat(setup.isOn()).isFalse();
        assertThat(setup.transport().isTls()).isFalse();
        assertThat(setup.commandLine()).isEmpty();
    }

    @Test
    void aStoreFlagWithoutTlsIsAUsageError() {
        SomeCommand command = parse("--keystore", "node.p12");

        assertThatThrownBy(() -> command.tls.load()).isInstanceOf(ParameterException.class).hasMessageContaining("only with --tls");
    }

    @Test
    void tlsWithoutBothStoresIsAUsageError() {
        SomeCommand command = parse("--tls", "--keystore", "node.p12");

        assertThatThrownBy(() -> command.tls.load()).isInstanceOf(ParameterException.class).hasMessageContaining("--truststore");
    }

    @Test
    void aWrongPasswordIsAUsageErrorNamingTheKeystore() throws Exception {
        ClusterCertificates.Issued certs = TestCertificates.cluster();
        Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password\n");
        SomeCommand command = parse("--tls", "--keystore", certs.nodeKeystore().toString(),
                "--truststore", certs.truststore().toString(), "--store-password-file", wrong.toString());

        assertThatThrownBy(() -> command.tls.load()).isInstanceOf(ParameterException.class)
                .hasMessageContaining(certs.nodeKeystore().toString());
    }

    @Test
    void aTruststoreWithoutTheCaIsAUsageError() {
        ClusterCertificates.Issued certs = TestCertificates.cluster();
        SomeCommand command = parse("--tls", "--keystore", certs.nodeKeystore().toString(),
                "--truststore", certs.clientKeystore().toString(), "--store-password-file", certs.passwordFile().toString());

        assertThatThrownBy(() -> command.tls.load()).isInstanceOf(ParameterException.class)
                .hasMessageContaining("holds no trusted certificate");
    }

    @Test
    void theStoresMadeByTheCertificateToolLoadAndInstallForTheProcess() {
        ClusterCertificates.Issued certs = TestCertificates.cluster();
        SomeCommand command = parse("--tls", "--keystore", certs.nodeKeystore().toString(),
                "--truststore", certs.truststore().toString(), "--store-password-file", certs.passwordFile().toString());

        TlsSetup setup = command.tls.load().installForProcess();

        assertThat(setup.isOn()).isTrue();
        assertThat(setup.transport().isTls()).isTrue();
        assertThat(TlsContext.installed()).isPresent();
        assertThat(setup.commandLine()).contains("--tls", "--keystore=" + certs.nodeKeystore(),
                "--store-password-file=" + certs.passwordFile());
    }

    private static SomeCommand parse(String... args) {
        SomeCommand command = new SomeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
