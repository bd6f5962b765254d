package dev.kvstore.server.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.FakeClock;
import dev.kvstore.server.store.AppliedSeqs;
import dev.kvstore.server.store.Versioned;
import dev.kvstore.server.store.VersionedStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParticipantCoreTest {
    private static final ReplicaId PROPOSER = new ReplicaId("localhost", 1111);
    private static final Duration IN_DOUBT = Duration.ofSeconds(5);
    private static final TxId T1 = new TxId("t1");
    private static final TxId T2 = new TxId("t2");
    private static final TxId T3 = new TxId("t3");

    private final FakeClock clock = new FakeClock();
    private final VersionedStore store = new VersionedStore();
    private final AppliedSeqs applied = new AppliedSeqs();
    private final ParticipantCore core =
            new ParticipantCore(store, applied, new RequestLimits(8, 16), clock, IN_DOUBT);

    private static Prepare prepare(TxId txId, Write... writes) {
        return new Prepare(txId, PROPOSER, 1, List.of(writes));
    }

    @Test
    void locksAndVotesCommit() {
        Vote vote = core.onPrepare(prepare(T1, Write.put("a", "1"), Write.delete("b")));

        assertThat(vote.commit()).isTrue();
        assertThat(core.preparedCount()).isEqualTo(1);
        assertThat(core.onPrepare(prepare(T2, Write.delete("b"))).commit())
                .as("b is locked by t1")
                .isFalse();
        assertThat(store.get("a")).as("prepare applies nothing").isNull();
    }

    @Test
    void votesAbortWhenKeyIsLockedByAnotherTransaction() {
        core.onPrepare(prepare(T1, Write.delete("b")));

        Vote vote = core.onPrepare(prepare(T2, Write.put("a", "2"), Write.put("b", "2"), Write.put("c", "2")));

        assertThat(vote.commit()).isFalse();
        assertThat(vote.reason()).contains("'b'").contains("locked");
        assertThat(core.preparedCount()).isEqualTo(1);
        assertThat(core.onPrepare(prepare(T3, Write.delete("a"), Write.delete("c"))).commit())
                .as("the aborted request locked none of its other keys")
                .isTrue();
    }

    @Test
    void prepareTwiceIsIdempotent() {
        Prepare p = prepare(T1, Write.put("a", "1"));

        assertThat(core.onPrepare(p).commit()).isTrue();
        assertThat(core.onPrepare(p).commit()).isTrue();

        assertThat(core.preparedCount()).isEqualTo(1);
        assertThat(core.onCommit(T1, 1)).isTrue();
        assertThat(core.preparedCount()).isZero();
        assertThat(core.onPrepare(prepare(T2, Write.delete("a"))).commit())
                .as("one commit released what two prepares locked")
                .isTrue();
    }

    @Test
    void commitAppliesAtSeqAndReleasesLocks() {
        core.onPrepare(prepare(T1, Write.put("a", "1"), Write.put("b", "1")));

        assertThat(core.onCommit(T1, 7)).isTrue();

        assertThat(store.versionOf("a")).isEqualTo(new Versioned("1", 7));
        assertThat(store.versionOf("b")).isEqualTo(new Versioned("1", 7));
        assertThat(core.preparedCount()).isZero();
        assertThat(core.finishedAs(T1)).contains(ParticipantCore.Finished.COMMITTED);
        assertThat(core.onPrepare(prepare(T2, Write.delete("a"), Write.delete("b"))).commit()).isTrue();
    }

    @Test
    void commitAdvancesTheWatermarkOnlyWhenSeqsAreContiguous() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        core.onPrepare(prepare(T2, Write.put("b", "2")));

        core.onCommit(T2, 2);
        assertThat(core.watermark()).isZero();

        core.onCommit(T1, 1);
        assertThat(core.watermark()).isEqualTo(2);
    }

    @Test
    void commitDeletesLeaveATombstone() {
        store.apply("a", "old", 1);
        core.onPrepare(prepare(T1, Write.delete("a")));

        core.onCommit(T1, 2);

        assertThat(store.get("a")).isNull();
        assertThat(store.versionOf("a")).isEqualTo(new Versioned(null, 2));
    }

    @Test
    void commitOfAnUnknownTransactionReturnsFalseAndChangesNothing() {
        String digest = store.digest();

        assertThat(core.onCommit(T1, 1)).isFalse();

        assertThat(store.digest()).isEqualTo(digest);
        assertThat(store.keyCount()).isZero();
        assertThat(core.watermark()).isZero();
        assertThat(core.finishedAs(T1)).isEmpty();
    }

    @Test
    void secondCommitOfTheSameTransactionReturnsFalse() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        core.onCommit(T1, 1);

        assertThat(core.onCommit(T1, 1)).isFalse();
        assertThat(store.versionOf("a")).isEqualTo(new Versioned("1", 1));
    }

    @Test
    void abortReleasesLocksAndAppliesNothing() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));

        core.onAbort(T1);

        assertThat(core.preparedCount()).isZero();
        assertThat(store.get("a")).isNull();
        assertThat(core.finishedAs(T1)).contains(ParticipantCore.Finished.ABORTED);
        assertThat(core.onPrepare(prepare(T2, Write.delete("a"))).commit()).isTrue();
    }

    @Test
    void prepareArrivingAfterItsAbortVotesAbort() {
        core.onAbort(T1); // the abort overtook the prepare

        Vote vote = core.onPrepare(prepare(T1, Write.put("a", "1")));

        assertThat(vote.commit()).isFalse();
        assertThat(vote.reason()).contains("already aborted");
        assertThat(core.preparedCount()).isZero();
        assertThat(core.onPrepare(prepare(T2, Write.delete("a"))).commit())
                .as("the late duplicate locked nothing")
                .isTrue();
    }

    @Test
    void abortAfterCommitDoesNotUndoIt() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        core.onCommit(T1, 1);

        core.onAbort(T1);

        assertThat(core.finishedAs(T1)).contains(ParticipantCore.Finished.COMMITTED);
        assertThat(store.get("a")).isEqualTo("1");
    }

    @Test
    void onDecisionAppliesADecisionLearntFromCatchUpAndReleasesTheLocks() {
        core.onPrepare(prepare(T1, Write.put("a", "1"), Write.put("b", "1")));

        core.onDecision(new Decision(1, T1, List.of(Write.put("a", "1"), Write.put("b", "1"))));

        assertThat(store.versionOf("a")).isEqualTo(new Versioned("1", 1));
        assertThat(store.versionOf("b")).isEqualTo(new Versioned("1", 1));
        assertThat(core.watermark()).isEqualTo(1);
        assertThat(core.preparedCount()).isZero();
        assertThat(core.finishedAs(T1)).contains(ParticipantCore.Finished.COMMITTED);
        assertThat(core.onPrepare(prepare(T2, Write.delete("a"), Write.delete("b"))).commit()).isTrue();
    }

    @Test
    void onDecisionAppliesATransactionNeverPreparedHere() {
        core.onDecision(new Decision(1, T1, List.of(Write.put("a", "1"))));

        assertThat(store.get("a")).isEqualTo("1");
        assertThat(core.watermark()).isEqualTo(1);
        assertThat(core.onCommit(T1, 1)).as("a later direct commit is a no-op").isFalse();
    }

    @Test
    void onDecisionDoesNotReleaseLocksOfAnotherTransaction() {
        core.onPrepare(prepare(T2, Write.put("a", "2")));

        core.onDecision(new Decision(1, T1, List.of(Write.put("a", "1"))));

        assertThat(core.onPrepare(prepare(T3, Write.delete("a"))).commit())
                .as("t2 still holds a")
                .isFalse();
    }

    @Test
    void onTickNamesAPreparedTransactionOnlyAfterTheInDoubtTimeout() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));

        assertThat(core.onTick()).isEmpty();
        clock.advance(IN_DOUBT.minusNanos(1));
        assertThat(core.onTick()).isEmpty();

        clock.advance(Duration.ofNanos(1));
        assertThat(core.onTick()).containsExactly(T1);
    }

    @Test
    void onTickNamesATransactionAgainOnlyAfterAnotherTimeout() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        clock.advance(IN_DOUBT);
        assertThat(core.onTick()).containsExactly(T1);

        assertThat(core.onTick()).as("just asked").isEmpty();
        clock.advance(IN_DOUBT.minusNanos(1));
        assertThat(core.onTick()).isEmpty();

        clock.advance(Duration.ofNanos(1));
        assertThat(core.onTick()).containsExactly(T1);
    }

    @Test
    void onTickNamesEachTransactionByItsOwnAge() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        clock.advance(Duration.ofSeconds(3));
        core.onPrepare(prepare(T2, Write.put("b", "2")));

        clock.advance(Duration.ofSeconds(2));
        assertThat(core.onTick()).containsExactly(T1);

        clock.advance(Duration.ofSeconds(3));
        assertThat(core.onTick()).containsExactly(T2);
    }

    @Test
    void onTickForgetsFinishedTransactions() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        core.onPrepare(prepare(T2, Write.put("b", "2")));
        core.onCommit(T1, 1);
        core.onAbort(T2);

        clock.advance(IN_DOUBT);

        assertThat(core.onTick()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "too-long-key", "\uD800"})
    void invalidKeysVoteAbortWithoutLocking(String badKey) {
        Vote vote = core.onPrepare(prepare(T1, Write.put("ok", "1"), Write.put(badKey, "1")));

        assertThat(vote.commit()).isFalse();
        assertThat(vote.reason()).startsWith("invalid request: ").contains("key");
        assertThat(core.preparedCount()).isZero();
        assertThat(core.onPrepare(prepare(T2, Write.delete("ok"))).commit())
                .as("the valid key of the refused request was not locked")
                .isTrue();
    }

    @Test
    void invalidValueVotesAbortWithoutLocking() {
        Vote vote = core.onPrepare(prepare(T1, Write.put("a", "v".repeat(17))));

        assertThat(vote.commit()).isFalse();
        assertThat(vote.reason()).contains("value is 17 bytes");
        assertThat(core.preparedCount()).isZero();
    }

    @Test
    void putsOfOneKeyShareItAndTheHigherSeqWinsWhicheverCommitArrivesFirst() {
        assertThat(core.onPrepare(prepare(T1, Write.put("a", "1"))).commit()).isTrue();
        assertThat(core.onPrepare(prepare(T2, Write.put("a", "2"))).commit()).isTrue();

        core.onCommit(T2, 8);
        core.onCommit(T1, 7);

        assertThat(store.versionOf("a")).isEqualTo(new Versioned("2", 8));
        assertThat(core.isLocked("a")).isFalse();
    }

    @Test
    void aSharedKeyStaysLockedForReadsUntilEveryPutHoldingItIsDone() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        core.onPrepare(prepare(T2, Write.put("a", "2")));

        core.onCommit(T1, 7);
        assertThat(core.isLocked("a")).as("t2 may already be committed elsewhere").isTrue();

        core.onAbort(T2);
        assertThat(core.isLocked("a")).isFalse();
    }

    @Test
    void aDeleteAndAPutOfOneKeyExcludeEachOther() {
        core.onPrepare(prepare(T1, Write.put("a", "1")));
        core.onPrepare(prepare(T2, Write.delete("b")));

        Vote deleteAfterPut = core.onPrepare(prepare(T3, Write.delete("a")));
        Vote putAfterDelete = core.onPrepare(prepare(new TxId("t4"), Write.put("b", "4")));

        assertThat(deleteAfterPut.commit()).isFalse();
        assertThat(deleteAfterPut.reason()).contains("'a'").contains("locked");
        assertThat(putAfterDelete.commit()).isFalse();
        assertThat(putAfterDelete.reason()).contains("'b'").contains("locked");
    }
}
