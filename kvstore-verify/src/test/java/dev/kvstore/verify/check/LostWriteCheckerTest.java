package dev.kvstore.verify.check;

import static dev.kvstore.verify.history.Ops.history;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.verify.history.Ops;
import org.junit.jupiter.api.Test;

class LostWriteCheckerTest {
    private static Ops finalRead(Ops h, String value) {
        return h.by(LostWriteChecker.FINAL_READER).get("a", value, 1_000, 1_001);
    }

    @Test
    void lastAcknowledgedPutOnEveryReplicaPasses() {
        Ops h = history().put("a", "1", 0, 10).put("a", "2", 20, 30);
        CheckResult r = LostWriteChecker.check(finalRead(finalRead(h, "2"), "2").list());
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.summary()).contains("2 final reads over 1 keys");
    }

    @Test
    void eitherOfTwoOverlappingPutsMayBeLast() {
        Ops h = history().by("c1").put("a", "1", 0, 50).by("c2").put("a", "2", 10, 40);
        assertThat(LostWriteChecker.check(finalRead(h, "1").list()).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void putOfUnknownOutcomeMayBeLastEvenIfInvokedEarly() {
        Ops h = history().putUnknown("a", "1", 0, 10).put("a", "2", 20, 30);
        assertThat(LostWriteChecker.check(finalRead(h, "1").list()).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void olderValueAfterAnAcknowledgedOverwriteIsALostWrite() {
        Ops h = history().put("a", "1", 0, 10).put("a", "2", 20, 30);
        CheckResult r = LostWriteChecker.check(finalRead(h, "1").list());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.details()).singleElement().asString().contains("holds 1", "put a 2 -> ok", "lost");
    }

    @Test
    void absentAfterAnAcknowledgedPutIsALostWrite() {
        Ops h = history().put("a", "1", 0, 10).delete("a", true, 20, 30).put("a", "2", 40, 50);
        CheckResult r = LostWriteChecker.check(finalRead(h, null).list());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.details()).singleElement().asString().contains("absent", "put a 2 -> ok");
    }

    @Test
    void absentAfterTheLastDeleteOrWithoutAnyWritePasses() {
        assertThat(LostWriteChecker.check(finalRead(history().put("a", "1", 0, 10).delete("a", true, 20, 30), null).list()).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(LostWriteChecker.check(finalRead(history().putFailed("a", "1", 0, 10), null).list()).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void valueNoPutWroteFails() {
        CheckResult r = LostWriteChecker.check(finalRead(history().put("a", "1", 0, 10).putFailed("a", "2", 20, 30), "2").list());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.details()).singleElement().asString().contains("holds 2, which no put wrote");
    }

    @Test
    void replicaThatNeverAnsweredTheFinalReadGivesNoVerdict() {
        Ops h = history().put("a", "1", 0, 10).by(LostWriteChecker.FINAL_READER).getFailed("a", 1_000, 1_001);
        assertThat(LostWriteChecker.check(h.list()).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void failedAttemptFollowedByAnAnswerIsJudgedOnTheAnswer() {
        Ops h = history().put("a", "1", 0, 10).by(LostWriteChecker.FINAL_READER).getFailed("a", 1_000, 1_001).get("a", "1", 1_100, 1_101);
        assertThat(LostWriteChecker.check(h.list()).verdict()).isEqualTo(Verdict.PASS);
    }
}
