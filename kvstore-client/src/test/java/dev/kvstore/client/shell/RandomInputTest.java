package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.client.RmiFakeReplica;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random lines, fed to the shell and to the script runner, get readable one-line errors: never
 * a stack trace, never a crash. The seed is fixed so a failure replays; the lines mix command
 * words, quotes, escapes, control characters and arbitrary Unicode.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RandomInputTest {
    private static final long SEED = 24_11_2026L;
    private static final String[] WORDS = {"get", "put", "delete", "status", "connect", "help", "expect", "within", "==",
        "client", "c1:", "parallel", "end", "sleep", "at", "set", "echo", "${X}", "\"", "'", "\\", "#", "OK", "(not found)",
        "127.0.0.1:1", "-1s", "1e9s", "quit"};

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

    @Test
    void randomLinesInTheShellGiveOneReadableLineEachAndTheShellGoesOn() {
        String input = randomLines(new Random(SEED), 300).replace("quit", "qu1t") + "\nstatus\n";

        ShellRun run = ShellRun.run(input, "--port", Integer.toString(replica.port()));

        assertThat(run.status()).as(run.err()).isZero();
        assertNoStackTrace(run);
        // still working at the end: the last command's answer is a status line
        assertThat(run.outLines()).last().asString().contains(" UP applied-seq ");
    }

    @Test
    void randomScriptsAreRejectedWithLineNumbersOrRunWithoutCrashing() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 50; i++) {
            String script = "client c1 127.0.0.1:" + replica.port() + "\n" + randomLines(random, 10);

            ShellRun run = ShellRun.run(script, "--script", "-", "--var", "X=1s");

            assertThat(run.status()).as(script).isIn(0, 5);
            assertNoStackTrace(run);
            if (run.status() == 5 && run.err().contains("-:")) {
                assertThat(run.errLines()).allMatch(line -> line.startsWith("-:") || !line.isBlank());
            }
        }
    }

    private static void assertNoStackTrace(ShellRun run) {
        String all = run.out() + run.err();
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("ERROR: internal error");
    }

    private static String randomLines(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < count; line++) {
            int words = random.nextInt(6);
            for (int w = 0; w < words; w++) {
                if (w > 0) text.append(random.nextInt(4) == 0 ? "" : " ");
                text.append(random.nextInt(3) == 0 ? randomText(random) : WORDS[random.nextInt(WORDS.length)]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(5);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x20);                 // control characters
                case 1 -> 0x20 + random.nextInt(0x5f);          // printable ASCII
                case 2 -> 0xa0 + random.nextInt(0x2000);        // Latin, Greek, Cyrillic...
                case 3 -> 0x4e00 + random.nextInt(0x5000);      // CJK
                default -> 0x1f300 + random.nextInt(0x200);     // emoji (surrogate pairs)
            };
            if (cp == '\n' || cp == '\r') cp = ' ';
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
