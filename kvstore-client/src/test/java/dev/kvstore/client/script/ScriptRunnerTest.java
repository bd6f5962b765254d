package dev.kvstore.client.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.InMemoryCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner against in-memory replicas, on a clock that moves only when the script sleeps. */
@Timeout(20)
class ScriptRunnerTest {
    private static final ReplicaId R1 = InMemoryCluster.replica(1111);
    private static final ReplicaId R2 = InMemoryCluster.replica(2222);
    private static final ReplicaId R3 = InMemoryCluster.replica(3333);

    private final InMemoryCluster cluster = new InMemoryCluster(1111, 2222, 3333);
    private final FakeScriptClock clock = new FakeScriptClock();
    private final StringWriter transcript = new StringWriter();

    private ScriptReport run(String text) throws ScriptSyntaxException {
        return run(text, Duration.ofSeconds(1));
    }

    private ScriptReport run(String text, Duration callTimeout) throws ScriptSyntaxException {
        Script script = new ScriptParser(Map.of()).parse("test.kvs", text.lines().toList());
        ScriptRunner runner = new ScriptRunner(cluster.sessions(callTimeout), clock, new PrintWriter(transcript), ScriptRunner.DEFAULT_POLL);
        return runner.run(script, List.of(R1));
    }

    private List<String> transcript() {
        return transcript.toString().lines().toList();
    }

    @Test
    void runsTheLinesInOrderAndPrintsATimestampedTranscript() throws Exception {
        ScriptReport report = run("""
                client c1 127.0.0.1:2222
                c1: put greeting "hello world"
                expect get greeting == "hello world"
                echo done
                """);

        assertThat(report.passed()).isTrue();
        assertThat(report.expectations()).isEqualTo(1);
        assertThat(transcript()).containsExactly(
                "[    0.000s] script  start test.kvs",
                "[    0.000s] c1      client c1 127.0.0.1:2222",
                "[    0.000s] c1      put greeting \"hello world\" -> OK",
                "[    0.000s] default expect get greeting == \"hello world\" -> hello world  PASS",
                "[    0.000s] script  # done",
                "[    0.000s] script  PASSED: all 1 expectations held");
    }

    @Test
    void atWaitsUntilThatTimeSinceTheStart() throws Exception {
        run("sleep 2s\nat 45s\nput a 1\n");

        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(45));
        assertThat(transcript()).contains("[    0.000s] script  sleep 2s", "[   45.000s] script  at 45s", "[   45.000s] default put a 1 -> OK");
    }

    @Test
    void atATimeAlreadyPastGoesOnAtOnce() throws Exception {
        run("sleep 10s\nat 5s\n");

        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(10));
        assertThat(transcript()).contains("[   10.000s] script  at 5s (already past 5s)");
    }

    @Test
    void aFailedExpectationFailsTheRunButTheRestStillRuns() throws Exception {
        ScriptReport report = run("expect get a == 1\nput b 2\nexpect get b == 2\n");

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).containsExactly(new ScriptReport.Failure(1, "default", "expect get a == 1", "(not found)"));
        assertThat(cluster.store()).containsEntry("b", "2");
        assertThat(transcript()).contains(
                "[    0.000s] default expect get a == 1 -> (not found)  FAIL: expected \"1\"",
                "[    0.000s] script  FAILED: 1 of 2 expectations failed",
                "[    0.000s] script    line 1 (default): expect get a == 1 -> (not found)");
    }

    @Test
    void expectWithinTriesAgainUntilTheResultArrives() throws Exception {
        cluster.store().put("k", "v");
        UnavailableException catchingUp = new UnavailableException("replica 1111 is catching up");
        cluster.replica(R1).failNext(catchingUp, catchingUp, catchingUp);

        ScriptReport report = run("expect within 10s get k == v\n");

        assertThat(report.passed()).isTrue();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(600));
        assertThat(transcript()).contains("[    0.600s] default expect within 10s get k == v -> v  PASS after 4 tries");
    }

    @Test
    void expectWithinGivesUpAtItsDeadline() throws Exception {
        ScriptReport report = run("expect within 1s status 3333 == DOWN\n");

        assertThat(report.passed()).isFalse();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(transcript()).contains(
                "[    1.000s] default expect within 1s status 3333 == DOWN -> member 127.0.0.1:3333 UP applied-seq 0  FAIL: expected DOWN after 6 tries");
    }

    @Test
    void aParallelBlockRunsEachClientOnItsOwnThreadAtTheSameTime() throws Exception {
        // c1's read blocks until c2's write has happened: run one after the other, c1 would time out.
        CountDownLatch written = new CountDownLatch(1);
        cluster.replica(R1).hook((operation, key) -> {
            if (key.equals("gate")) await(written);
        });
        cluster.replica(R2).hook((operation, key) -> {
            if (operation.equals("put") && key.equals("gate")) {
                cluster.store().put("gate", "open");
                written.countDown();
            }
        });

        ScriptReport report = run("""
                client c1 127.0.0.1:1111
                client c2 127.0.0.1:2222
                parallel
                c1: expect get gate == open
                c2: put gate open
                end
                """, Duration.ofSeconds(10));

        assertThat(report.passed()).as(transcript.toString()).isTrue();
        assertThat(transcript()).contains("[    0.000s] script  parallel (lines 3-6): c1, c2", "[    0.000s] script  end of parallel from line 3");
    }

    @Test
    void linesWithoutAClientRunOnTheDefaultReplica() throws Exception {
        run("put a 1\n");

        assertThat(cluster.replica(R1).calls()).isEqualTo(1);
        assertThat(cluster.replica(R2).calls()).isZero();
    }

    @Test
    void aClientFailsOverAlongItsListWhenItsReplicaIsDown() throws Exception {
        cluster.down(R3);

        ScriptReport report = run("client c3 127.0.0.1:3333 127.0.0.1:2222\nc3: expect put k v == OK\n");

        assertThat(report.passed()).isTrue();
        assertThat(cluster.replica(R2).calls()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
