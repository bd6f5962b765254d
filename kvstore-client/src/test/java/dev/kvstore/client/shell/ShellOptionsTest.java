package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Command-line mistakes are usage errors (exit 2) with a message; none of these reach a replica. */
class ShellOptionsTest {
    @Test
    void helpPrintsTheUsageAndTheExitStatusesAndExitsZero() {
        ShellRun run = ShellRun.run("", "--help");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--host", "--port", "--script", "--var", "Exit statuses: 0 ok, 1 not found");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        ShellRun run = ShellRun.run("", "--prot", "1111");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).first().asString().startsWith("kvstore-client: Unknown option: '--prot'");
        assertThat(run.errLines()).contains("Try 'kvstore-client --help'.");
    }

    @Test
    void aBadPortOrDurationIsAUsageError() {
        assertThat(ShellRun.run("", "--port", "99999", "status").err()).contains("port out of range: 99999");
        assertThat(ShellRun.run("", "--port", "http", "status").status()).isEqualTo(2);
        ShellRun badTimeout = ShellRun.run("", "--timeout", "5x", "status");
        assertThat(badTimeout.status()).isEqualTo(2);
        assertThat(badTimeout.err()).contains("'5x' is not a duration");
    }

    @Test
    void aScriptAndACommandTogetherIsAUsageError() {
        ShellRun run = ShellRun.run("", "--script", "-", "get", "k");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--script runs a script; give no COMMAND with it");
    }

    @Test
    void aMissingScriptFileIsAUsageError() {
        ShellRun run = ShellRun.run("", "--script", "no/such/file.kvs");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("kvstore-client: no such script: no/such/file.kvs");
    }
}
