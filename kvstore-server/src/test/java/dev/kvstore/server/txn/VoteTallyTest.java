package dev.kvstore.server.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.Vote;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VoteTallyTest {
    private static final ReplicaId R1 = new ReplicaId("localhost", 1111);
    private static final ReplicaId R2 = new ReplicaId("localhost", 2222);
    private static final ReplicaId R3 = new ReplicaId("localhost", 3333);

    @Test
    void allPresentVotesCommitIsCommitWithAbsentNamedApart() {
        VoteTally tally = VoteTally.of(Map.of(
                R1, PrepareResult.voted(Vote.yes()),
                R2, PrepareResult.voted(Vote.yes()),
                R3, PrepareResult.absent("timeout")));

        assertThat(tally.outcome()).isEqualTo(VoteTally.Outcome.COMMIT);
        assertThat(tally.yes()).containsExactlyInAnyOrder(R1, R2);
        assertThat(tally.absent()).containsExactly(R3);
        assertThat(tally.abortReason()).isNull();
    }

    @Test
    void oneAbortVoteSettlesIt() {
        VoteTally tally = VoteTally.of(Map.of(
                R1, PrepareResult.voted(Vote.yes()),
                R2, PrepareResult.voted(Vote.no("locked")),
                R3, PrepareResult.absent("timeout")));

        assertThat(tally.outcome()).isEqualTo(VoteTally.Outcome.ABORT);
        assertThat(tally.abortReason()).isEqualTo("locked");
        assertThat(tally.yes()).containsExactly(R1);
    }

    @Test
    void everyoneAbsentIsNotAnAbort() {
        VoteTally tally = VoteTally.of(Map.of(R2, PrepareResult.absent("down")));

        assertThat(tally.outcome()).isEqualTo(VoteTally.Outcome.COMMIT);
        assertThat(tally.yes()).isEmpty();
        assertThat(tally.absent()).containsExactly(R2);
    }
}
