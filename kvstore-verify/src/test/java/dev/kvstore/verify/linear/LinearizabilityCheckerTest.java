package dev.kvstore.verify.linear;

import static dev.kvstore.verify.history.Ops.history;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.verify.check.Verdict;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Ops;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made histories with known answers; reference: Herlihy &amp; Wing 1990, section 2. */
class LinearizabilityCheckerTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker(Duration.ofSeconds(20), System::nanoTime);

    private KeyVerdict check(Ops ops) {
        return checker.check("a", ops.list());
    }

    @Test
    void sequentialHistoryIsLinearizable() {
        Ops h = history().put("a", "1", 0, 10).get("a", "1", 20, 30).delete("a", true, 40, 50).get("a", null, 60, 70)
                .delete("a", false, 80, 90).put("a", "2", 100, 110).get("a", "2", 120, 130);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void readOfAbsentKeyBeforeAnyWriteIsLinearizable() {
        assertThat(check(history().get("a", null, 0, 10)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void overlappingWritesMayTakeEffectInEitherOrder() {
        Ops h = history().by("c1").put("a", "1", 0, 50).by("c2").put("a", "2", 10, 40).by("c3").get("a", "1", 60, 70);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
        Ops other = history().by("c1").put("a", "1", 0, 50).by("c2").put("a", "2", 10, 40).by("c3").get("a", "2", 60, 70);
        assertThat(check(other).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void readOverlappingWriteMaySeeOldOrNewValue() {
        Ops h = history().put("a", "1", 0, 10).by("c1").put("a", "2", 20, 60).by("c2").get("a", "1", 25, 30)
                .by("c3").get("a", "2", 30, 40).by("c2").get("a", "2", 70, 80);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void readsMustNotGoBackInTimeWhileAWriteIsRunning() {
        // Both reads overlap put 2, but once one read saw 2, a later read cannot see 1 again.
        Ops h = history().put("a", "1", 0, 10).by("c1").put("a", "2", 20, 100).by("c2").get("a", "2", 30, 40)
                .by("c3").get("a", "1", 50, 60);
        KeyVerdict v = check(h);
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.window().culprit().readValue()).isEqualTo("1");
    }

    @Test
    void unknownWriteThatTookEffectIsLinearizable() {
        Ops h = history().put("a", "1", 0, 10).putUnknown("a", "2", 20, 30).get("a", "2", 1_000, 1_010);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void unknownWriteThatNeverTookEffectIsLinearizable() {
        Ops h = history().put("a", "1", 0, 10).putUnknown("a", "2", 20, 30).get("a", "1", 1_000, 1_010)
                .get("a", "1", 2_000, 2_010);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void unknownWriteMayTakeEffectLongAfterTheClientGaveUp() {
        Ops h = history().put("a", "1", 0, 10).putUnknown("a", "2", 20, 30).get("a", "1", 100, 110)
                .get("a", "2", 200, 210);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void unknownWriteCannotTakeEffectBeforeItIsInvoked() {
        Ops h = history().get("a", "2", 0, 10).putUnknown("a", "2", 20, 30);
        assertThat(check(h).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void unknownDeleteMayOrMayNotHaveRemovedTheKey() {
        Ops removed = history().put("a", "1", 0, 10).deleteUnknown("a", 20, 30).get("a", null, 40, 50);
        Ops kept = history().put("a", "1", 0, 10).deleteUnknown("a", 20, 30).get("a", "1", 40, 50);
        assertThat(check(removed).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(kept).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void staleReadAfterCompletedWriteIsNotLinearizable() {
        Ops h = history().put("a", "1", 0, 10).put("a", "2", 20, 30).by("c2").get("a", "1", 40, 50);
        KeyVerdict v = check(h);

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        FailingWindow w = v.window();
        assertThat(w.culprit().readValue()).isEqualTo("1");
        assertThat(w.fromAnyState()).isTrue();
        assertThat(w.operations()).extracting(Operation::describe)
                .containsExactly("c1@1111 put a 2 -> ok", "c2@1111 get a -> ok 1");
        assertThat(w.context()).extracting(Operation::value).containsExactly("1");
    }

    @Test
    void newValueOnOneReplicaThenOldValueOnAnotherIsNotLinearizable() {
        // The shape every violation of the fault runs had: a write whose answer was lost shows on one
        // replica, then a later read on another replica still returns the value it overwrote.
        Ops h = history().put("a", "1", 0, 10).by("c2").putUnknown("a", "2", 20, 30)
                .by("c3").get("a", "2", 40, 41).by("c4").get("a", "1", 42, 43);
        KeyVerdict v = check(h);

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.window().operations()).extracting(Operation::describe).containsExactly(
                "c2@1111 put a 2 -> info (timed out)", "c3@1111 get a -> ok 2", "c4@1111 get a -> ok 1");
        assertThat(v.window().startNanos()).isEqualTo(40);
    }

    @Test
    void readOfNeverWrittenValueIsNotLinearizable() {
        Ops h = history().put("a", "1", 0, 10).get("a", "9", 20, 30);
        KeyVerdict v = check(h);
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.window().operations()).extracting(Operation::readValue).contains("9");
    }

    @Test
    void readOfFailedWriteIsNotLinearizable() {
        Ops h = history().put("a", "1", 0, 10).putFailed("a", "2", 20, 30).get("a", "2", 40, 50);
        assertThat(check(h).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void deleteReportingPresentOnAbsentKeyIsNotLinearizable() {
        assertThat(check(history().delete("a", true, 0, 10)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check(history().put("a", "1", 0, 10).delete("a", true, 20, 30).delete("a", true, 40, 50)).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void deleteReportingAbsentOnPresentKeyIsNotLinearizable() {
        KeyVerdict v = check(history().put("a", "1", 0, 10).delete("a", false, 20, 30));
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.window().culprit().existed()).isFalse();
    }

    @Test
    void readOfDeletedValueIsNotLinearizable() {
        Ops h = history().put("a", "1", 0, 10).delete("a", true, 20, 30).get("a", "1", 40, 50);
        assertThat(check(h).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void failedOperationsAndUnansweredReadsAreIgnored() {
        Ops h = history().put("a", "1", 0, 10).putFailed("a", "2", 20, 30).getFailed("a", 40, 50).get("a", "1", 60, 70);
        assertThat(check(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void checksEachKeyOnItsOwn() {
        Ops h = history().put("a", "1", 0, 10).put("b", "x", 5, 15).get("a", "1", 20, 30).get("b", null, 40, 50);
        List<KeyVerdict> verdicts = checker.checkAll(h.list());
        assertThat(verdicts).extracting(KeyVerdict::key, KeyVerdict::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Verdict.PASS), org.assertj.core.groups.Tuple.tuple("b", Verdict.FAIL));
    }

    @Test
    void searchOutOfTimeGivesUnknownNotAGuess() {
        long[] now = {0};
        // Every reading of this clock is a minute later: the deadline passes at the first check.
        LinearizabilityChecker hurried = new LinearizabilityChecker(Duration.ofSeconds(1), () -> now[0] += 60_000_000_000L);
        List<Operation> big = RandomHistories.linearizable(7, 10, 20_000, 0.0);
        KeyVerdict v = hurried.check("k", big);
        assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(v.note()).contains("no verdict");
    }
}
