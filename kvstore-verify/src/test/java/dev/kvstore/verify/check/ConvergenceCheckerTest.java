package dev.kvstore.verify.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.View;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceCheckerTest {
    private static final ClusterStatus COORDINATOR = new ClusterStatus(42, 5, "abc", new View(1, List.of()));

    private static ReplicaStatus replica(int port, ReplicaState state, long seq, String digest) {
        return new ReplicaStatus(new ReplicaId("127.0.0.1", port), state, seq, 5, digest, 1, List.of());
    }

    private static Map<Integer, ReplicaStatus> replicas(ReplicaStatus... rs) {
        Map<Integer, ReplicaStatus> m = new LinkedHashMap<>();
        for (ReplicaStatus r : rs) m.put(r.port(), r);
        return m;
    }

    @Test
    void everyReplicaUpWithTheCoordinatorsSeqAndDigestPasses() {
        CheckResult r = ConvergenceChecker.evaluate(COORDINATOR,
                replicas(replica(1, ReplicaState.UP, 42, "abc"), replica(2, ReplicaState.UP, 42, "abc")), Map.of());
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("seq 42");
    }

    @Test
    void replicaBehindOrWithAnotherDigestOrNotUpFails() {
        assertThat(ConvergenceChecker.evaluate(COORDINATOR, replicas(replica(1, ReplicaState.UP, 41, "abc")), Map.of()).verdict())
                .isEqualTo(Verdict.FAIL);
        CheckResult digest = ConvergenceChecker.evaluate(COORDINATOR, replicas(replica(1, ReplicaState.UP, 42, "xyz")), Map.of());
        assertThat(digest.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(digest.details()).anyMatch(l -> l.contains("replica 1") && l.contains("<- differs"));
        assertThat(ConvergenceChecker.evaluate(COORDINATOR, replicas(replica(1, ReplicaState.CATCHING_UP, 42, "abc")), Map.of()).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void replicaThatDoesNotAnswerFails() {
        CheckResult r = ConvergenceChecker.evaluate(COORDINATOR, replicas(replica(1, ReplicaState.UP, 42, "abc")), Map.of(2, "refused"));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.details()).contains("replica 2: no answer (refused)");
    }
}
