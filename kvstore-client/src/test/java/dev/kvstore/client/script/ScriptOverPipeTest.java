package dev.kvstore.client.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.client.KVStoreClient;
import dev.kvstore.client.RmiFakeReplica;
import dev.kvstore.client.shell.ShellMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code kvstore-client --script -}: a script on standard input, against a fake replica over RMI. */
@Timeout(30)
class ScriptOverPipeTest {
    static {
        RmiFakeReplica.installRmiSettings();
    }

    private RmiFakeReplica replica;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startReplica() throws Exception {
        replica = RmiFakeReplica.startOnFreePort();
    }

    @AfterEach
    void stopReplica() {
        replica.close();
    }

    private int script(String text, String... vars) {
        String[] args = new String[4 + vars.length * 2];
        args[0] = "--script";
        args[1] = "-";
        args[2] = "--var";
        args[3] = "R=127.0.0.1:" + replica.port();
        for (int i = 0; i < vars.length; i++) {
            args[4 + 2 * i] = "--var";
            args[5 + 2 * i] = vars[i];
        }
        ByteArrayInputStream stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new ShellMain(stdin, out, err, false, KVStoreClient::create).run(args);
    }

    @Test
    void aScriptWhoseExpectationsHoldExitsZeroAfterItsTranscript() {
        int status = script("""
                client c1 ${R}
                c1: expect put 鍵 "värde med mellanslag" == OK
                c1: expect get 鍵 == "värde med mellanslag"
                c1: expect delete 鍵 == OK
                c1: expect get 鍵 == (not found)
                """);

        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("c1      expect get 鍵 == \"värde med mellanslag\" -> värde med mellanslag  PASS")
                .contains("PASSED: all 4 expectations held");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aFailedExpectationExitsFive() {
        int status = script("client c1 ${R}\nc1: expect get missing == something\n");

        assertThat(status).isEqualTo(5);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED: 1 of 1 expectations failed");
    }

    @Test
    void aScriptWithBadLinesRunsNothingAndNamesEachLine() {
        int status = script("client c1 ${R}\nc1: gett k\nc1: put k v\nsleep 3 seconds\nat ${NOPE}\n");

        assertThat(status).isEqualTo(5);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "<stdin>:2: unknown command 'gett'; the commands are get, put, delete, status, connect, help, quit",
                "<stdin>:4: sleep needs one duration, e.g. sleep 2s",
                "<stdin>:5: undefined variable ${NOPE}; define it with 'set NOPE VALUE' or --var NOPE=VALUE",
                "<stdin>: 3 errors; nothing was run");
        assertThat(replica.store().calls()).as("nothing was sent").isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
