package dev.kvstore.rmi.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a process's TLS identity is read from, and how a password reaches it without a command line. */
class TlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void thePasswordIsTheFirstLineOfThePasswordFile() throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret pass\nignored\n");

        char[] password = new TlsFiles(dir.resolve("k.p12"), dir.resolve("t.p12"), file).password(Map.of(TlsFiles.PASSWORD_ENV, "env"));

        assertThat(new String(password)).isEqualTo("s3cret pass");
    }

    @Test
    void withoutAPasswordFileThePasswordComesFromTheEnvironment() throws IOException {
        TlsFiles files = new TlsFiles(dir.resolve("k.p12"), dir.resolve("t.p12"), null);

        assertThat(new String(files.password(Map.of(TlsFiles.PASSWORD_ENV, "from-env")))).isEqualTo("from-env");
        assertThatThrownBy(() -> files.password(Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("--store-password-file")
                .hasMessageContaining(TlsFiles.PASSWORD_ENV);
    }

    @Test
    void anEmptyPasswordFileIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("empty"), "");

        assertThatThrownBy(() -> new TlsFiles(dir.resolve("k.p12"), dir.resolve("t.p12"), file).password(Map.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void theCommandLineHandsTheSameAbsoluteFilesOnButNeverThePassword() {
        TlsFiles files = new TlsFiles(Path.of("certs/node-1.p12"), Path.of("certs/truststore.p12"), Path.of("certs/store-password"));
        Path certs = Path.of("certs").toAbsolutePath();

        assertThat(files.commandLine()).containsExactly("--tls",
                "--keystore=" + certs.resolve("node-1.p12"),
                "--truststore=" + certs.resolve("truststore.p12"),
                "--store-password-file=" + certs.resolve("store-password"));
        assertThat(new TlsFiles(Path.of("k.p12"), Path.of("t.p12"), null).commandLine())
                .hasSize(3)
                .noneMatch(arg -> arg.startsWith("--store-password"));
    }
}
