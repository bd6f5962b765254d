package dev.kvstore.verify.linear;

import static dev.kvstore.verify.history.Ops.history;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.verify.check.CheckResult;
import dev.kvstore.verify.check.Verdict;
import dev.kvstore.verify.history.FaultAction;
import dev.kvstore.verify.history.FaultEvent;
import dev.kvstore.verify.history.Ops;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityReportTest {
    private static final long S = 1_000_000_000L;
    private final LinearizabilityChecker checker = new LinearizabilityChecker(Duration.ofSeconds(10), System::nanoTime);

    @Test
    void violationShowsCulpritWindowSourcesAndNearbyFaults() {
        Ops h = history().put("a", "1", 0, S / 10).by("c9").putUnknown("a", "x", S / 5, S / 4)
                .by("c1").put("a", "2", 30 * S, 30 * S + 10).by("c2").get("a", "1", 31 * S, 31 * S + 10);
        List<FaultEvent> faults = List.of(
                new FaultEvent(100, FaultAction.KILL_REPLICA, "replica:1", 7, 1 * S, ""), // long before: left out
                new FaultEvent(101, FaultAction.PAUSE_REPLICA, "replica:2", 8, 25 * S, ""),
                new FaultEvent(102, FaultAction.RESUME_REPLICA, "replica:2", 8, 30 * S + 5, ""));

        CheckResult r = LinearizabilityReport.toResult(checker.checkAll(h.list()), faults);

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.summary()).isEqualTo("not linearizable on 1 of 1 keys: a");
        String text = String.join("\n", r.details());
        assertThat(text).contains("no linearization once this completes: [    31.000 ..     31.000 s] c2@1111 get a -> ok 1",
                "failing window, from any state the key may hold at 30.000 s (2 acknowledged operations; 1 earlier writes",
                "c1@1111 put a 2 -> ok", "<== culprit", "(earlier, unknown outcome)", "c9@1111 put a x -> info",
                "values read in the window were written by:", "c1@1111 put a 1 -> ok",
                "25.000 s pause-replica replica:2 pid 8", "resume-replica");
        assertThat(text).doesNotContain("kill-replica");
    }

    @Test
    void passingKeysGiveOneLineEach() {
        CheckResult r = LinearizabilityReport.toResult(checker.checkAll(history().put("a", "1", 0, 1).put("b", "2", 0, 1).list()), List.of());
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).isEqualTo("2 operations over 2 keys: every key linearizable");
        assertThat(r.details()).hasSize(2);
    }
}
