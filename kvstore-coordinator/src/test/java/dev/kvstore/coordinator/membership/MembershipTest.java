package dev.kvstore.coordinator.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.View;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's membership: states, expiry and the epoch. Reference: DESIGN.md, "Membership,
 * recovery and reads"; the lifecycle in {@link ReplicaState}.
 */
class MembershipTest {
    private static final long FIRST_EPOCH = 100;
    private static final long EXPIRY = TimeUnit.SECONDS.toNanos(3);
    private static final long LAST_SEQ = 7;

    private static final ReplicaId A = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId B = new ReplicaId("127.0.0.1", 2222);
    private static final ReplicaId C = new ReplicaId("127.0.0.1", 3333);

    private final AtomicLong nanos = new AtomicLong(1_000_000);
    private final LongSupplier clock = nanos::get;
    private Membership membership;

    @BeforeEach
    void freshCoordinator() {
        membership = new Membership(FIRST_EPOCH, EXPIRY);
    }

    @Test
    void heartbeatRegistersAnUnknownReplicaWithItsReportedState() {
        ReplicaState state = heartbeat(A, 11, ReplicaState.STARTING, 0);

        assertThat(state).isEqualTo(ReplicaState.STARTING);
        assertThat(membership.view().members())
                .containsExactly(new MemberStatus(A, ReplicaState.STARTING, 0, 11));
        assertThat(membership.epoch()).isEqualTo(FIRST_EPOCH + 1);
        assertThat(membership.up()).isEmpty();
    }

    @Test
    void afterCoordinatorRestartAReplicaReportingUpWithEveryDecisionAppliedIsUpAtOnce() {
        ReplicaState state = heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);

        assertThat(state).isEqualTo(ReplicaState.UP);
        assertThat(membership.isUp(A)).isTrue();
        assertThat(membership.up()).containsExactly(A);
    }

    @Test
    void afterCoordinatorRestartAReplicaReportingUpButBehindIsDownAndMustCatchUp() {
        ReplicaState state = heartbeat(A, 11, ReplicaState.UP, LAST_SEQ - 1);

        assertThat(state).isEqualTo(ReplicaState.DOWN);
        assertThat(membership.isUp(A)).isFalse();
        assertThat(membership.view().stateOf(A)).isEqualTo(ReplicaState.DOWN);
    }

    @Test
    void expiryMarksSilentReplicasDownAndBumpsTheEpoch() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        heartbeat(B, 22, ReplicaState.UP, LAST_SEQ);
        nanos.addAndGet(EXPIRY / 2);
        heartbeat(B, 22, ReplicaState.UP, LAST_SEQ); // B renews, A stays silent
        long before = membership.epoch();

        nanos.addAndGet(EXPIRY / 2 + 1); // A's last heartbeat is now EXPIRY + 1 old, B's EXPIRY / 2 + 1
        membership.expire(clock.getAsLong());

        assertThat(membership.view().stateOf(A)).isEqualTo(ReplicaState.DOWN);
        assertThat(membership.isUp(B)).isTrue();
        assertThat(membership.epoch()).isEqualTo(before + 1);
    }

    @Test
    void expiryDoesNotMarkDownAReplicaThatReportedWithinTheExpiry() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        long before = membership.epoch();

        nanos.addAndGet(EXPIRY); // exactly the expiry: not yet silent for longer than it
        membership.expire(clock.getAsLong());

        assertThat(membership.isUp(A)).isTrue();
        assertThat(membership.epoch()).isEqualTo(before);
    }

    @Test
    void expiryOfAnAlreadyDownReplicaChangesNothing() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ - 1); // DOWN: behind
        nanos.addAndGet(EXPIRY + 1);
        long before = membership.epoch();

        membership.expire(clock.getAsLong());

        assertThat(membership.view().stateOf(A)).isEqualTo(ReplicaState.DOWN);
        assertThat(membership.epoch()).isEqualTo(before);
    }

    @Test
    void markDownMarksTheSuspectsDownAndIgnoresUnknownOnes() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        heartbeat(B, 22, ReplicaState.UP, LAST_SEQ);
        long before = membership.epoch();

        membership.markDown(List.of(B, C), "suspected by " + A);

        assertThat(membership.up()).containsExactly(A);
        assertThat(membership.view().stateOf(B)).isEqualTo(ReplicaState.DOWN);
        assertThat(membership.view().members()).extracting(MemberStatus::replica).containsExactly(A, B);
        assertThat(membership.epoch()).isEqualTo(before + 1);
    }

    @Test
    void markDownOfADownReplicaDoesNotBumpTheEpoch() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        membership.markDown(Set.of(A), "suspected");
        long before = membership.epoch();

        membership.markDown(Set.of(A), "suspected again");

        assertThat(membership.epoch()).isEqualTo(before);
    }

    @Test
    void aDownReplicaReportingUpStaysDownUntilItCatchesUp() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        membership.markDown(Set.of(A), "suspected");
        long before = membership.epoch();

        ReplicaState state = heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);

        assertThat(state).isEqualTo(ReplicaState.DOWN);
        assertThat(membership.isUp(A)).isFalse();
        assertThat(membership.epoch()).isEqualTo(before);
    }

    @Test
    void markUpAfterJoinMakesACatchingUpReplicaUp() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        membership.markDown(Set.of(A), "suspected");
        assertThat(heartbeat(A, 11, ReplicaState.CATCHING_UP, 3)).isEqualTo(ReplicaState.CATCHING_UP);
        long before = membership.epoch();

        membership.markUp(A, clock.getAsLong(), LAST_SEQ);

        assertThat(membership.isUp(A)).isTrue();
        assertThat(membership.view().members()).containsExactly(new MemberStatus(A, ReplicaState.UP, LAST_SEQ, 11));
        assertThat(membership.epoch()).isEqualTo(before + 1);
    }

    @Test
    void markUpRegistersAReplicaThisCoordinatorDoesNotKnowWithAnUnknownPid() {
        membership.markUp(A, clock.getAsLong(), LAST_SEQ);

        assertThat(membership.view().members()).containsExactly(new MemberStatus(A, ReplicaState.UP, LAST_SEQ, -1));
        assertThat(membership.epoch()).isEqualTo(FIRST_EPOCH + 1);
    }

    @Test
    void markUpOfAnUpReplicaDoesNotBumpTheEpoch() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        long before = membership.epoch();

        membership.markUp(A, clock.getAsLong(), LAST_SEQ);

        assertThat(membership.epoch()).isEqualTo(before);
    }

    @Test
    void markUpRenewsTheHeartbeatSoAJoinedReplicaDoesNotExpireAtOnce() {
        heartbeat(A, 11, ReplicaState.CATCHING_UP, 0);
        nanos.addAndGet(EXPIRY); // a long catch-up, heartbeats delayed
        membership.markUp(A, clock.getAsLong(), LAST_SEQ);

        nanos.addAndGet(1);
        membership.expire(clock.getAsLong());

        assertThat(membership.isUp(A)).isTrue();
    }

    @Test
    void aMemberRegisteredByJoinIsNotTreatedAsRestartedByItsFirstHeartbeat() {
        membership.markUp(A, clock.getAsLong(), LAST_SEQ); // pid unknown
        long before = membership.epoch();

        // The replica's heartbeat sent before its join was accepted, carrying its real pid.
        ReplicaState state = heartbeat(A, 11, ReplicaState.CATCHING_UP, LAST_SEQ);

        assertThat(state).isEqualTo(ReplicaState.UP);
        assertThat(membership.epoch()).isEqualTo(before);
        assertThat(membership.view().members()).containsExactly(new MemberStatus(A, ReplicaState.UP, LAST_SEQ, 11));
    }

    @Test
    void aNewPidReportingStartingDemotesAnUpMember() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        long before = membership.epoch();

        ReplicaState state = heartbeat(A, 12, ReplicaState.STARTING, 0); // the process restarted

        assertThat(state).isEqualTo(ReplicaState.STARTING);
        assertThat(membership.isUp(A)).isFalse();
        assertThat(membership.view().members()).containsExactly(new MemberStatus(A, ReplicaState.STARTING, 0, 12));
        assertThat(membership.epoch()).isEqualTo(before + 1);
    }

    @Test
    void aStaleCatchingUpHeartbeatWithTheSamePidDoesNotDemoteAnUpMember() {
        heartbeat(A, 11, ReplicaState.CATCHING_UP, 3);
        membership.markUp(A, clock.getAsLong(), LAST_SEQ);
        long before = membership.epoch();

        ReplicaState state = heartbeat(A, 11, ReplicaState.CATCHING_UP, 3); // sent before the join answered

        assertThat(state).isEqualTo(ReplicaState.UP);
        assertThat(membership.isUp(A)).isTrue();
        assertThat(membership.epoch()).isEqualTo(before);
    }

    @Test
    void aReplicaMovesThroughItsLifecycleByHeartbeatAndEveryChangeBumpsTheEpoch() {
        assertThat(heartbeat(A, 11, ReplicaState.STARTING, 0)).isEqualTo(ReplicaState.STARTING);
        assertThat(membership.epoch()).isEqualTo(FIRST_EPOCH + 1);

        assertThat(heartbeat(A, 11, ReplicaState.CATCHING_UP, 0)).isEqualTo(ReplicaState.CATCHING_UP);
        assertThat(membership.epoch()).isEqualTo(FIRST_EPOCH + 2);

        membership.markUp(A, clock.getAsLong(), LAST_SEQ);
        assertThat(membership.epoch()).isEqualTo(FIRST_EPOCH + 3);

        membership.markDown(Set.of(A), "suspected");
        assertThat(membership.epoch()).isEqualTo(FIRST_EPOCH + 4);

        assertThat(heartbeat(A, 11, ReplicaState.CATCHING_UP, LAST_SEQ)).isEqualTo(ReplicaState.CATCHING_UP);
        assertThat(membership.epoch()).isEqualTo(FIRST_EPOCH + 5);
        assertThat(membership.view().epoch()).isEqualTo(membership.epoch());
    }

    @Test
    void aPlainRenewalDoesNotBumpTheEpochButUpdatesTheAppliedSeq() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        heartbeat(B, 22, ReplicaState.CATCHING_UP, 1);
        long before = membership.epoch();

        nanos.addAndGet(EXPIRY / 2);
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ + 1);
        heartbeat(B, 22, ReplicaState.CATCHING_UP, 2);

        View view = membership.view();
        assertThat(view.epoch()).isEqualTo(before);
        assertThat(view.members()).containsExactly(
                new MemberStatus(A, ReplicaState.UP, LAST_SEQ + 1, 11),
                new MemberStatus(B, ReplicaState.CATCHING_UP, 2, 22));
    }

    @Test
    void aRenewalKeepsAReplicaFromExpiring() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        for (int i = 0; i < 5; i++) {
            nanos.addAndGet(EXPIRY - 1);
            heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
            membership.expire(clock.getAsLong());
        }

        assertThat(membership.isUp(A)).isTrue();
    }

    @Test
    void anExpiredReplicaReportingCatchingUpIsCatchingUp() {
        heartbeat(A, 11, ReplicaState.UP, LAST_SEQ);
        nanos.addAndGet(EXPIRY + 1);
        membership.expire(clock.getAsLong());
        long before = membership.epoch();

        ReplicaState state = heartbeat(A, 11, ReplicaState.CATCHING_UP, 5);

        assertThat(state).isEqualTo(ReplicaState.CATCHING_UP);
        assertThat(membership.epoch()).isEqualTo(before + 1);
    }

    @Test
    void theViewListsMembersInReplicaOrder() {
        heartbeat(C, 33, ReplicaState.STARTING, 0);
        heartbeat(A, 11, ReplicaState.STARTING, 0);
        heartbeat(B, 22, ReplicaState.STARTING, 0);

        assertThat(membership.view().members()).extracting(MemberStatus::replica).containsExactly(A, B, C);
    }

    private ReplicaState heartbeat(ReplicaId replica, long pid, ReplicaState state, long appliedSeq) {
        return membership.onHeartbeat(new Heartbeat(replica, pid, state, appliedSeq), clock.getAsLong(), LAST_SEQ);
    }
}
