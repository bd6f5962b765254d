package dev.kvstore.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.txn.RequestLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaNodeTest {
    private static final ReplicaId SELF = new ReplicaId("localhost", 1111);
    private static final ReplicaId PEER = new ReplicaId("localhost", 2222);

    private final ReplicaNode node = new ReplicaNode(SELF, RequestLimits.DEFAULT, new FakeClock(), Duration.ofSeconds(5));

    private static View view(long epoch, ReplicaState selfState) {
        return new View(epoch, List.of(
                new MemberStatus(SELF, selfState, 0, -1), new MemberStatus(PEER, ReplicaState.UP, 0, -1)));
    }

    private void joinAt(long epoch) {
        node.becomeCatchingUp();
        node.becomeUp(view(epoch, ReplicaState.UP));
    }

    @Test
    void startsInStartingWithAnEmptyView() {
        assertThat(node.state()).isEqualTo(ReplicaState.STARTING);
        assertThat(node.current()).isEqualTo(View.EMPTY);
    }

    @Test
    void becomeUpServesFromTheJoinedView() {
        joinAt(5);

        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertThat(node.current().epoch()).isEqualTo(5);
    }

    @Test
    void replySayingDownAtTheJoinEpochDemotesAnUpNode() {
        joinAt(5);

        boolean mustCatchUp = node.onHeartbeatReply(new HeartbeatReply(ReplicaState.DOWN, view(5, ReplicaState.DOWN)));

        assertThat(mustCatchUp).isTrue();
        assertThat(node.state()).isEqualTo(ReplicaState.DOWN);
    }

    @Test
    void replySayingDownAtALaterEpochDemotesAnUpNode() {
        joinAt(5);

        boolean mustCatchUp = node.onHeartbeatReply(new HeartbeatReply(ReplicaState.DOWN, view(8, ReplicaState.DOWN)));

        assertThat(mustCatchUp).isTrue();
        assertThat(node.state()).isEqualTo(ReplicaState.DOWN);
        assertThat(node.current().epoch()).isEqualTo(8);
    }

    @Test
    void staleReplyFromBeforeTheJoinDoesNotDemote() {
        joinAt(5);

        boolean mustCatchUp =
                node.onHeartbeatReply(new HeartbeatReply(ReplicaState.CATCHING_UP, view(4, ReplicaState.CATCHING_UP)));
        boolean mustCatchUpAfterDown =
                node.onHeartbeatReply(new HeartbeatReply(ReplicaState.DOWN, view(3, ReplicaState.DOWN)));

        assertThat(mustCatchUp).isFalse();
        assertThat(mustCatchUpAfterDown).isFalse();
        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertThat(node.current().epoch()).isEqualTo(5);
    }

    @Test
    void replySayingUpKeepsServing() {
        joinAt(5);

        assertThat(node.onHeartbeatReply(new HeartbeatReply(ReplicaState.UP, view(6, ReplicaState.UP)))).isFalse();

        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertThat(node.current().epoch()).isEqualTo(6);
    }

    @Test
    void replySayingDownToANodeThatIsNotUpAsksNothing() {
        node.becomeCatchingUp();

        assertThat(node.onHeartbeatReply(new HeartbeatReply(ReplicaState.DOWN, view(9, ReplicaState.DOWN)))).isFalse();

        assertThat(node.state()).isEqualTo(ReplicaState.CATCHING_UP);
    }

    @Test
    void rejoiningMovesTheJoinEpochSoOlderRepliesNoLongerDemote() {
        joinAt(5);
        node.onHeartbeatReply(new HeartbeatReply(ReplicaState.DOWN, view(6, ReplicaState.DOWN)));
        joinAt(8);

        assertThat(node.onHeartbeatReply(new HeartbeatReply(ReplicaState.DOWN, view(7, ReplicaState.DOWN)))).isFalse();

        assertThat(node.state()).isEqualTo(ReplicaState.UP);
    }

    @Test
    void viewsOnlyMoveForwardInEpoch() {
        node.update(view(5, ReplicaState.UP));

        node.update(view(3, ReplicaState.DOWN));
        node.onHeartbeatReply(new HeartbeatReply(ReplicaState.UP, view(4, ReplicaState.DOWN)));

        assertThat(node.current().epoch()).isEqualTo(5);
        assertThat(node.current().stateOf(SELF)).isEqualTo(ReplicaState.UP);
        assertThat(node.status().epoch()).isEqualTo(5);

        node.update(view(6, ReplicaState.DOWN));
        assertThat(node.current().epoch()).isEqualTo(6);
    }

    @Test
    void statusReportsStateWatermarkKeysAndDigest() {
        joinAt(2);
        String emptyDigest = node.status().digest();
        node.applyDecision(new Decision(1, new TxId("t1"), List.of(Write.put("a", "1"), Write.put("b", "2"))));
        node.applyDecision(new Decision(2, new TxId("t2"), List.of(Write.delete("b"))));

        ReplicaStatus status = node.status();

        assertThat(status.replica()).isEqualTo(SELF);
        assertThat(status.state()).isEqualTo(ReplicaState.UP);
        assertThat(status.appliedSeq()).isEqualTo(2);
        assertThat(status.keyCount()).isEqualTo(1);
        assertThat(status.digest()).isNotEqualTo(emptyDigest);
        assertThat(status.epoch()).isEqualTo(2);
        assertThat(status.members()).hasSize(2);
    }

    @Test
    void finishSnapshotMovesTheWatermarkAndRemembersTheSnapshot() {
        assertThat(node.snapshotLoaded()).isFalse();

        node.finishSnapshot(12);

        assertThat(node.snapshotLoaded()).isTrue();
        assertThat(node.watermark()).isEqualTo(12);
    }
}
