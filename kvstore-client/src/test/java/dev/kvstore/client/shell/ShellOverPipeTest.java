package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.KVStoreClient;
import dev.kvstore.client.RmiFakeReplica;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real shell (parser, loop, client, RMI) reading commands from a pipe, against a fake replica exported over RMI. */
@Timeout(30)
class ShellOverPipeTest {
    static {
        RmiFakeReplica.installRmiSettings();
    }

    private RmiFakeReplica replica;

    @BeforeEach
    void startReplica() throws Exception {
        replica = RmiFakeReplica.startOnFreePort();
    }

    @AfterEach
    void stopReplica() {
        replica.close();
    }

    private ShellRun shell(String input, String... extraArgs) {
        String[] args = new String[extraArgs.length + 2];
        args[0] = "--port";
        args[1] = Integer.toString(replica.port());
        System.arraycopy(extraArgs, 0, args, 2, extraArgs.length);
        return ShellRun.run(input, args);
    }

    @Test
    void putGetAndDeletePrintOneLineEachWithoutPrompts() {
        ShellRun run = shell("put a 1\nget a\ndelete a\nget a\ndelete a\n");

        assertThat(run.outLines()).containsExactly("OK", "1", "OK", "(not found)", "(not found)");
        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aQuotedValueKeepsItsSpaces() {
        ShellRun run = shell("put greeting \"hello world\"\nget greeting\nput single 'it''s'\nget single\n");

        assertThat(run.outLines()).containsExactly("OK", "hello world", "OK", "its");
        assertThat(replica.store().store()).containsEntry("greeting", "hello world");
    }

    @Test
    void unicodeKeysAndValuesMakeTheRoundTrip() {
        ShellRun run = shell("put 城市 \"München – Zürich 🚀\"\nget 城市\n");

        assertThat(run.outLines()).containsExactly("OK", "München – Zürich 🚀");
        assertThat(replica.store().store()).containsEntry("城市", "München – Zürich 🚀");
    }

    @Test
    void badCommandsPrintAUsageLineAndTheShellGoesOn() {
        ShellRun run = shell("gett a\nget\nput k hello world\nput k \"unterminated\nget a\n");

        assertThat(run.outLines()).containsExactly(
                "USAGE: unknown command 'gett'; the commands are get, put, delete, status, connect, help, quit",
                "USAGE: get: missing KEY (usage: get KEY)",
                "USAGE: put: too many arguments (usage: put KEY VALUE; quote a value that has spaces: put KEY \"a b\")",
                "USAGE: unterminated \" quote (starting at column 7)",
                "(not found)");
        assertThat(run.status()).as("the shell itself ran fine").isZero();
    }

    @Test
    void statusPrintsTheReplicaAndTheClusterView() {
        ReplicaId self = new ReplicaId("127.0.0.1", replica.port());
        ReplicaId other = new ReplicaId("127.0.0.1", 3333);
        replica.store().view(() -> List.of(
                new MemberStatus(self, ReplicaState.UP, 0, 100),
                new MemberStatus(other, ReplicaState.CATCHING_UP, 0, -1)));

        ShellRun run = shell("status\nstatus 3333\nstatus 127.0.0.1:9\n");

        assertThat(run.outLines()).containsExactly(
                "replica " + self + " UP applied-seq 0 keys 0 epoch 1 digest d1g35t",
                "member " + other + " CATCHING_UP applied-seq 0",
                "member " + self + " UP applied-seq 0 pid 100",
                "member " + other + " CATCHING_UP applied-seq 0",
                "INVALID: 127.0.0.1:9 is not in the view of replica " + self);
    }

    @Test
    void anAbortedWriteIsRetriedThenReportedWithTheRetryCount() {
        TransactionAbortedException locked = new TransactionAbortedException("tx-9", "key 'x' is locked by another transaction");
        replica.store().failNext(locked, locked, locked, locked);

        ShellRun run = shell("put x 1\n", "--retries", "3");

        assertThat(run.outLines()).containsExactly("ABORTED: key 'x' is locked by another transaction, retried 3 times");
        assertThat(replica.store().calls()).isEqualTo(4);
    }

    @Test
    void aReplicaThatIsCatchingUpIsReportedAsUnavailable() {
        replica.store().state(ReplicaState.CATCHING_UP);

        ShellRun run = shell("get a\n");

        assertThat(run.outLines()).containsExactly("UNAVAILABLE: replica " + replica.port() + " is catching up");
    }

    @Test
    void quitStopsReadingAndLaterLinesDoNotRun() {
        ShellRun run = shell("put a 1\nquit\nput b 2\n");

        assertThat(run.outLines()).containsExactly("OK");
        assertThat(replica.store().store()).doesNotContainKey("b");
    }

    @Test
    void helpListsEveryCommand() {
        ShellRun run = shell("help\n");

        assertThat(run.out()).contains("get KEY", "put KEY VALUE", "delete KEY", "status", "connect HOST:PORT", "quit");
    }

    @Test
    void connectSwitchesReplicaAndAFailedConnectStaysOnTheOldOne() throws Exception {
        try (RmiFakeReplica second = RmiFakeReplica.startOnFreePort()) {
            int dead = RmiFakeReplica.freePort();

            ShellRun run = shell("connect " + second.port() + "\nput k v\nconnect 127.0.0.1:" + dead + "\nget k\n");

            assertThat(run.outLines()).containsExactly(
                    "connected to 127.0.0.1:" + second.port(),
                    "OK",
                    "UNAVAILABLE: cannot reach replica 127.0.0.1:" + dead + " (connection refused); still connected to 127.0.0.1:" + second.port(),
                    "v");
            assertThat(second.store().store()).containsEntry("k", "v");
            assertThat(replica.store().store()).isEmpty();
        }
    }

    @Test
    void aReplicaThatGoesAwayMidSessionIsReportedAndTheShellKeepsRunning() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        String[] args = {"--port", Integer.toString(replica.port())};
        CompletableFuture<Integer> shell = CompletableFuture.supplyAsync(
                () -> new ShellMain(stdin, stdout, OutputStream.nullOutputStream(), false, KVStoreClient::create).run(args));

        type(keyboard, "put a 1");
        awaitLines(stdout, "OK");

        replica.stop();
        type(keyboard, "get a");
        // In one JVM the stopped port may still answer "no such object"; a killed process refuses the connection.
        String lost = "UNAVAILABLE: lost connection to replica 127.0.0.1:" + replica.port() + " \\((connection refused|.*stopped.*)\\)";
        awaitLines(stdout, "OK", lost);

        type(keyboard, "get a");
        String unreachable = "UNAVAILABLE: cannot reach replica 127.0.0.1:" + replica.port() + " \\((connection refused|.*stopped.*)\\)";
        awaitLines(stdout, "OK", lost, unreachable);

        replica.start();
        type(keyboard, "get a");
        awaitLines(stdout, "OK", lost, unreachable, "1");

        keyboard.close(); // Ctrl-D
        assertThat(shell.get()).isZero();
    }

    private static void type(OutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** Waits until the output is exactly these lines, each a regular expression. */
    private static void awaitLines(ByteArrayOutputStream stdout, String... patterns) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).hasSameSizeAs(patterns);
            for (int i = 0; i < patterns.length; i++) assertThat(lines.get(i)).matches(patterns[i]);
        });
    }
}
