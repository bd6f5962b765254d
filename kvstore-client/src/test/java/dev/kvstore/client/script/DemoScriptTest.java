package dev.kvstore.client.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.InMemoryCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * demo/demo.kvs, the script bin/kvstore-demo replays, against five in-memory replicas whose
 * replica 3333 goes down on a timer, as the coordinator's --fault schedule does, with the timings
 * shortened. The run against the real coordinator is the lead's CI job (docs/client.md).
 */
@Timeout(60)
class DemoScriptTest {
    private static final Path DEMO = Path.of(System.getProperty("basedir", ".")).resolve("../demo/demo.kvs").normalize();
    private static final ReplicaId R3 = InMemoryCluster.replica(3333);

    private final InMemoryCluster cluster = new InMemoryCluster(1111, 2222, 3333, 4444, 5555);
    private final ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
    private final StringWriter transcript = new StringWriter();

    @AfterEach
    void stopFaults() {
        faults.shutdownNow();
    }

    private static Script demo(Map<String, String> vars) throws Exception {
        return new ScriptParser(vars).parse("demo.kvs", Files.readAllLines(DEMO, StandardCharsets.UTF_8));
    }

    private ScriptReport replay(Map<String, String> vars) throws Exception {
        ScriptRunner runner = new ScriptRunner(cluster.sessions(Duration.ofSeconds(1)), ScriptClock.SYSTEM,
                new PrintWriter(transcript), Duration.ofMillis(50));
        return runner.run(demo(vars), List.of(InMemoryCluster.replica(1111)));
    }

    /** Replica 3333 goes down at {@code at}, restarts {@code downtime} later, and is UP once it has caught up. */
    private void scheduleFault(Duration at, Duration downtime) {
        faults.schedule(() -> cluster.down(R3), at.toMillis(), TimeUnit.MILLISECONDS);
        faults.schedule(() -> cluster.restart(R3), at.plus(downtime).toMillis(), TimeUnit.MILLISECONDS);
        faults.schedule(() -> cluster.up(R3), at.plus(downtime).plusMillis(300).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void theDemoDeclaresThreeClientsOnThreeDifferentReplicasWithTheDefaultTimings() throws Exception {
        Script script = demo(Map.of());

        assertThat(script.clientNames()).containsExactly("c1", "c2", "c3");
        assertThat(script.steps()).filteredOn(Step.DeclareClient.class::isInstance)
                .extracting(s -> ((Step.DeclareClient) s).replicas().get(0).port())
                .containsExactly(1111, 2222, 3333);
        assertThat(script.steps()).filteredOn(Step.Expect.class::isInstance)
                .extracting(Step::text)
                .contains("expect within 45s+15s status 127.0.0.1:3333 == DOWN");
    }

    @Test
    void theDemoPassesWhenReplica3333GoesDownAndComesBack() throws Exception {
        scheduleFault(Duration.ofSeconds(1), Duration.ofSeconds(2));

        ScriptReport report = replay(Map.of("FAULT_AT", "1s", "DOWNTIME", "2s", "WAIT", "5s"));

        assertThat(report.passed()).as(transcript.toString()).isTrue();
        assertThat(report.expectations()).isGreaterThanOrEqualTo(25);
        assertThat(cluster.store()).containsEntry("greeting", "hello again").containsEntry("counter", "2").doesNotContainKey("scratch");
        assertThat(transcript.toString()).contains("PASSED: all");
    }

    @Test
    void theDemoFailsWhenNoReplicaGoesDown() throws Exception {
        ScriptReport report = replay(Map.of("FAULT_AT", "0.5s", "DOWNTIME", "1s", "WAIT", "1s"));

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(ScriptReport.Failure::text).contains(
                "expect within 0.5s+1s status 127.0.0.1:3333 == DOWN",
                "expect within 1s get greeting == UNAVAILABLE",
                "expect status 127.0.0.1:3333 == DOWN");
        assertThat(transcript.toString()).contains("FAILED: 3 of");
    }
}
