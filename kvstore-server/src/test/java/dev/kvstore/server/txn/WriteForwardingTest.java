package dev.kvstore.server.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.FakeClock;
import java.rmi.ConnectException;
import java.rmi.RemoteException;
import java.rmi.UnmarshalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WriteForwardingTest {
    private static final ReplicaId LOW = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId SELF = new ReplicaId("127.0.0.1", 2222);
    private static final ReplicaId HIGH = new ReplicaId("127.0.0.1", 3333);
    private static final Duration ACTIVE_WINDOW = Duration.ofMillis(5);
    private static final Duration BACK_OFF = Duration.ofSeconds(1);
    private static final int MAX_IN_FLIGHT = 3;
    private static final Duration PEAK_WINDOW = Duration.ofMillis(100);
    private static final List<Write> WRITES = List.of(Write.put("k", "v"));

    private final FakeClock clock = new FakeClock();
    private final AtomicReference<View> view = new AtomicReference<>(viewWithUp(LOW, SELF, HIGH));
    private final List<ReplicaId> forwardedTo = new ArrayList<>();
    private final AtomicReference<Object> nextAnswer = new AtomicReference<>(ForwardReply.committed(false));
    private final WriteForwarding forwarding = new WriteForwarding(SELF, view::get, (target, writes) -> {
        forwardedTo.add(target);
        Object answer = nextAnswer.get();
        if (answer instanceof RemoteException failure) return CompletableFuture.failedFuture(failure);
        return CompletableFuture.completedFuture((ForwardReply) answer);
    }, clock, ACTIVE_WINDOW, BACK_OFF, MAX_IN_FLIGHT);

    @Test
    void writesStayHereWhileTheLeaderHasNotProposed() {
        assertThat(forwarding.target()).isNull();
    }

    @Test
    void writesGoToTheLowestUpReplicaWhileItsPreparesKeepArriving() {
        forwarding.onPrepares(LOW);

        assertThat(forwarding.target()).isEqualTo(LOW);
        clock.advance(ACTIVE_WINDOW);
        assertThat(forwarding.target()).isEqualTo(LOW);
    }

    @Test
    void writesStayHereOnceTheLeaderHasBeenQuietLongerThanTheWindow() {
        forwarding.onPrepares(LOW);

        clock.advance(ACTIVE_WINDOW.plusNanos(1));

        assertThat(forwarding.target()).isNull();
    }

    @Test
    void aWriteArrivingAmongFewOthersGoesToTheLeader() {
        forwarding.onPrepares(LOW);

        assertThat(forwarding.arrived()).isEqualTo(LOW);
        assertThat(forwarding.arrived()).isEqualTo(LOW); // two in flight: still few
        assertThat(forwarding.arrived()).isNull(); // three
    }

    @Test
    void afterAPeakOfWritesInFlightWritesStayHereForAWindowOrTwo() {
        forwarding.onPrepares(LOW);
        for (int i = 0; i < MAX_IN_FLIGHT; i++) forwarding.arrived();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) forwarding.finished();

        assertThat(oneWriteAlone()).isNull();
        clock.advance(PEAK_WINDOW); // a new window, which remembers the last one's peak
        forwarding.onPrepares(LOW);
        assertThat(oneWriteAlone()).isNull();
        clock.advance(PEAK_WINDOW); // and then one more without it
        forwarding.onPrepares(LOW);
        assertThat(oneWriteAlone()).isEqualTo(LOW);
        assertThat(forwarding.recentPeakOfWritesInFlight()).isEqualTo(1);
    }

    @Test
    void peaksAreForgottenOnAClockThatReadsBelowZero() {
        java.util.concurrent.atomic.AtomicLong negativeClock = new java.util.concurrent.atomic.AtomicLong(-7_000_000_000_000L);
        WriteForwarding onNegativeClock = new WriteForwarding(SELF, view::get,
                (target, writes) -> CompletableFuture.completedFuture(ForwardReply.committed(false)),
                negativeClock::get, ACTIVE_WINDOW, BACK_OFF, MAX_IN_FLIGHT);
        onNegativeClock.onPrepares(LOW);
        for (int i = 0; i < MAX_IN_FLIGHT; i++) onNegativeClock.arrived();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) onNegativeClock.finished();

        negativeClock.addAndGet(PEAK_WINDOW.multipliedBy(2).toNanos());
        onNegativeClock.onPrepares(LOW);

        assertThat(onNegativeClock.arrived()).isEqualTo(LOW);
    }

    private ReplicaId oneWriteAlone() {
        ReplicaId target = forwarding.arrived();
        forwarding.finished();
        return target;
    }

    @Test
    void preparesFromAReplicaOtherThanTheLeaderDoNotCount() {
        forwarding.onPrepares(HIGH);

        assertThat(forwarding.target()).isNull();
    }

    @Test
    void theLeaderOfTheViewProposesItsOwnWrites() {
        view.set(viewWithUp(SELF, HIGH));
        forwarding.onPrepares(SELF);

        assertThat(forwarding.target()).isNull();
    }

    @Test
    void aNewViewWithoutTheOldLeaderHasANewOne() {
        forwarding.onPrepares(LOW);
        view.set(new View(2, List.of(new MemberStatus(LOW, ReplicaState.DOWN, 0, -1), up(SELF), up(HIGH))));

        assertThat(forwarding.target()).isNull(); // this replica leads now

        ReplicaId lower = new ReplicaId("127.0.0.1", 1000);
        view.set(new View(3, List.of(up(HIGH), up(lower), up(SELF))));
        forwarding.onPrepares(lower);

        assertThat(forwarding.target()).isEqualTo(lower);
    }

    @Test
    void aCallThatNeverReachedTheLeaderIsDeclinedAndWritesStayHereForTheBackOff() {
        forwarding.onPrepares(LOW);
        nextAnswer.set(new ConnectException("connection refused"));

        ForwardReply reply = forwarding.forward(LOW, WRITES);

        assertThat(reply.outcome()).isEqualTo(ForwardReply.Outcome.DECLINED);
        assertThat(forwardedTo).containsExactly(LOW);
        forwarding.onPrepares(LOW);
        clock.advance(BACK_OFF.minusNanos(1));
        forwarding.onPrepares(LOW);
        assertThat(forwarding.target()).isNull();
        clock.advance(Duration.ofNanos(1));
        forwarding.onPrepares(LOW);
        assertThat(forwarding.target()).isEqualTo(LOW);
    }

    @Test
    void aCallThatMayHaveRunHasAnUnknownOutcome() {
        forwarding.onPrepares(LOW);
        nextAnswer.set(new UnmarshalException("connection reset"));

        ForwardReply reply = forwarding.forward(LOW, WRITES);

        assertThat(reply.outcome()).isEqualTo(ForwardReply.Outcome.OUTCOME_UNKNOWN);
        assertThat(reply.reason()).contains("did not answer");
        assertThat(forwarding.target()).isNull();
    }

    @Test
    void aDeclineFromTheLeaderAlsoStartsTheBackOff() {
        forwarding.onPrepares(LOW);
        nextAnswer.set(ForwardReply.declined("replica 1111 is catching up"));

        assertThat(forwarding.forward(LOW, WRITES).declined()).isTrue();

        forwarding.onPrepares(LOW);
        assertThat(forwarding.target()).isNull();
    }

    @Test
    void theLeadersAnswerIsPassedOnAsItIs() {
        ForwardReply aborted = ForwardReply.aborted("1111-1", "key 'k' is locked");
        nextAnswer.set(aborted);

        assertThat(forwarding.forward(LOW, WRITES)).isEqualTo(aborted);
    }

    @Test
    void forwardingOffNeverHasATarget() {
        WriteForwarding off = WriteForwarding.off(SELF);
        off.onPrepares(LOW);

        assertThat(off.target()).isNull();
    }

    private static View viewWithUp(ReplicaId... replicas) {
        List<MemberStatus> members = new ArrayList<>();
        for (ReplicaId r : replicas) members.add(up(r));
        return new View(1, members);
    }

    private static MemberStatus up(ReplicaId replica) {
        return new MemberStatus(replica, ReplicaState.UP, 0, -1);
    }
}
