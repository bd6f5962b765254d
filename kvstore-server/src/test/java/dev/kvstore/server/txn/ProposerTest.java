package dev.kvstore.server.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static java.util.concurrent.CompletableFuture.completedFuture;
import static java.util.concurrent.CompletableFuture.failedFuture;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecisionRefusedException;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.api.protocol.Write;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

@Timeout(30)
class ProposerTest {
    private static final ReplicaId SELF = new ReplicaId("localhost", 1111);
    private static final ReplicaId PEER2 = new ReplicaId("localhost", 2222);
    private static final ReplicaId PEER3 = new ReplicaId("localhost", 3333);
    private static final List<Write> WRITES = List.of(Write.put("a", "1"));
    private static final int MAX_VIEW_RETRIES = 2;

    private final ParticipantClient participants = mock(ParticipantClient.class);
    private final CoordinatorPort coordinator = mock(CoordinatorPort.class);
    private final Proposer.ViewSource views = mock(Proposer.ViewSource.class);
    private final AtomicReference<View> currentView = new AtomicReference<>(view(1, Set.of(SELF, PEER2, PEER3)));
    private final Proposer proposer =
            new Proposer(SELF, participants, coordinator, views, new TxIds(SELF, 0xabcL), MAX_VIEW_RETRIES);

    @BeforeEach
    void viewSourceRemembersUpdates() {
        when(views.current()).thenAnswer(inv -> currentView.get());
        doAnswer(inv -> {
            currentView.set(inv.getArgument(0));
            return null;
        }).when(views).update(any());
    }

    static View view(long epoch, Set<ReplicaId> up, ReplicaId... down) {
        List<MemberStatus> members = new ArrayList<>();
        up.forEach(r -> members.add(new MemberStatus(r, ReplicaState.UP, 0, -1)));
        for (ReplicaId r : down) members.add(new MemberStatus(r, ReplicaState.DOWN, 0, -1));
        return new View(epoch, members);
    }

    /** Every target votes as {@code overrides} says, COMMIT otherwise. */
    private void prepareAnswers(Map<ReplicaId, PrepareResult> overrides) {
        when(participants.prepareAll(anySet(), any())).thenAnswer(inv -> {
            Set<ReplicaId> targets = inv.getArgument(0);
            Map<ReplicaId, PrepareResult> results = new HashMap<>();
            for (ReplicaId t : targets) results.put(t, overrides.getOrDefault(t, PrepareResult.voted(Vote.yes())));
            return completedFuture(results);
        });
    }

    private void everyoneVotesCommit() {
        prepareAnswers(Map.of());
    }

    private DecideRequest onlyDecideRequest() throws Exception {
        ArgumentCaptor<DecideRequest> request = ArgumentCaptor.forClass(DecideRequest.class);
        verify(coordinator).decide(request.capture());
        return request.getValue();
    }

    @Test
    void commitsOnAllWhenEveryParticipantVotesCommit() throws Exception {
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(completedFuture(42L));

        long seq = proposer.propose(WRITES);

        assertThat(seq).isEqualTo(42);
        ArgumentCaptor<Prepare> prepare = ArgumentCaptor.forClass(Prepare.class);
        verify(participants).prepareAll(eq(Set.of(SELF, PEER2, PEER3)), prepare.capture());
        assertThat(prepare.getValue().proposer()).isEqualTo(SELF);
        assertThat(prepare.getValue().epoch()).isEqualTo(1);
        assertThat(prepare.getValue().writes()).isEqualTo(WRITES);
        TxId txId = prepare.getValue().txId();

        DecideRequest request = onlyDecideRequest();
        assertThat(request.txId()).isEqualTo(txId);
        assertThat(request.proposer()).isEqualTo(SELF);
        assertThat(request.participants()).containsExactlyInAnyOrder(SELF, PEER2, PEER3);
        assertThat(request.suspects()).isEmpty();
        assertThat(request.writes()).isEqualTo(WRITES);

        verify(participants).commitAll(Set.of(SELF, PEER2, PEER3), txId, 42);
        verify(participants, never()).abortAll(anySet(), any());
    }

    @Test
    void preparesOnItselfEvenWhenItsViewDoesNotListIt() throws Exception {
        currentView.set(view(3, Set.of(PEER2)));
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(completedFuture(7L));

        proposer.propose(WRITES);

        verify(participants).prepareAll(eq(Set.of(SELF, PEER2)), any());
        assertThat(onlyDecideRequest().participants()).containsExactlyInAnyOrder(SELF, PEER2);
    }

    @Test
    void abortsOnEveryCommitVoterWhenAnyParticipantVotesAbort() throws Exception {
        prepareAnswers(Map.of(PEER2, PrepareResult.voted(Vote.no("key 'a' is locked by another transaction"))));

        TransactionAbortedException aborted =
                catchThrowableOfType(() -> proposer.propose(WRITES), TransactionAbortedException.class);

        assertThat(aborted).isNotNull();
        assertThat(aborted.reason()).isEqualTo("key 'a' is locked by another transaction");
        ArgumentCaptor<Prepare> prepare = ArgumentCaptor.forClass(Prepare.class);
        verify(participants).prepareAll(anySet(), prepare.capture());
        TxId txId = prepare.getValue().txId();
        assertThat(aborted.txId()).isEqualTo(txId.value());
        verify(participants).abortAll(Set.of(SELF, PEER3), txId);
        verify(coordinator, never()).decide(any());
        verify(participants, never()).commitAll(anySet(), any(), anyLong());
    }

    @Test
    void absentPeersAreExcludedFromParticipantsAndNamedAsSuspects() throws Exception {
        prepareAnswers(Map.of(PEER3, PrepareResult.absent("timed out")));
        when(coordinator.decide(any())).thenReturn(completedFuture(9L));

        assertThat(proposer.propose(WRITES)).isEqualTo(9);

        DecideRequest request = onlyDecideRequest();
        assertThat(request.participants()).containsExactlyInAnyOrder(SELF, PEER2);
        assertThat(request.suspects()).containsExactly(PEER3);
        verify(participants).commitAll(Set.of(SELF, PEER2), request.txId(), 9);
    }

    @Test
    void decideFailingRemotelyLeavesTheOutcomeUnknownAndNeitherCommitsNorAborts() throws Exception {
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(failedFuture(new RemoteException("read timed out")));

        UnavailableException unavailable =
                catchThrowableOfType(() -> proposer.propose(WRITES), UnavailableException.class);

        assertThat(unavailable).isNotNull();
        assertThat(unavailable.outcomeUnknown()).isTrue();
        verify(coordinator, times(1)).decide(any());
        verify(participants, never()).commitAll(anySet(), any(), anyLong());
        verify(participants, never()).abortAll(anySet(), any());
    }

    @Test
    void theWriteIsAcknowledgedAfterDecideAndCommitWithoutAnyFurtherCoordinatorCall() throws Exception {
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(completedFuture(11L));

        assertThat(proposer.propose(WRITES)).isEqualTo(11);

        InOrder order = inOrder(coordinator, participants);
        order.verify(coordinator).decide(any());
        order.verify(participants).commitAll(eq(Set.of(SELF, PEER2, PEER3)), any(), eq(11L));
        verifyNoMoreInteractions(coordinator);
    }

    @Test
    void refusedDecisionAbortsAndRetriesAsANewTransactionWithTheNewView() throws Exception {
        View newer = view(2, Set.of(SELF, PEER2), PEER3);
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(
                failedFuture(new DecisionRefusedException("participants do not cover the view", newer)), completedFuture(43L));

        long seq = proposer.propose(WRITES);

        assertThat(seq).isEqualTo(43);
        ArgumentCaptor<Set<ReplicaId>> targets = setCaptor();
        ArgumentCaptor<Prepare> prepares = ArgumentCaptor.forClass(Prepare.class);
        verify(participants, times(2)).prepareAll(targets.capture(), prepares.capture());
        assertThat(targets.getAllValues()).containsExactly(Set.of(SELF, PEER2, PEER3), Set.of(SELF, PEER2));
        TxId first = prepares.getAllValues().get(0).txId();
        TxId second = prepares.getAllValues().get(1).txId();
        assertThat(second).isNotEqualTo(first);
        assertThat(prepares.getAllValues().get(1).epoch()).isEqualTo(2);

        verify(participants).abortAll(Set.of(SELF, PEER2, PEER3), first);
        verify(views).update(newer);
        ArgumentCaptor<DecideRequest> requests = ArgumentCaptor.forClass(DecideRequest.class);
        verify(coordinator, times(2)).decide(requests.capture());
        assertThat(requests.getAllValues().get(1).txId()).isEqualTo(second);
        assertThat(requests.getAllValues().get(1).participants()).containsExactlyInAnyOrder(SELF, PEER2);
        verify(participants).commitAll(Set.of(SELF, PEER2), second, 43);
        verify(participants, never()).commitAll(anySet(), eq(first), anyLong());
    }

    @Test
    void givesUpWithAbortedAfterTheViewRetryLimit() throws Exception {
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(
                failedFuture(new DecisionRefusedException("view changed", view(2, Set.of(SELF, PEER2)))),
                failedFuture(new DecisionRefusedException("view changed", view(3, Set.of(SELF)))),
                failedFuture(new DecisionRefusedException("view changed", view(4, Set.of(SELF, PEER3)))),
                completedFuture(99L));

        TransactionAbortedException aborted =
                catchThrowableOfType(() -> proposer.propose(WRITES), TransactionAbortedException.class);

        assertThat(aborted).isNotNull();
        assertThat(aborted.reason()).contains("view");
        ArgumentCaptor<DecideRequest> requests = ArgumentCaptor.forClass(DecideRequest.class);
        verify(coordinator, times(MAX_VIEW_RETRIES + 1)).decide(requests.capture());
        List<TxId> txIds = requests.getAllValues().stream().map(DecideRequest::txId).toList();
        assertThat(new HashSet<>(txIds)).as("a fresh tx id per attempt").hasSize(MAX_VIEW_RETRIES + 1);
        assertThat(aborted.txId()).isEqualTo(txIds.get(txIds.size() - 1).value());
        txIds.forEach(tx -> verify(participants).abortAll(anySet(), eq(tx)));
        verify(participants, never()).commitAll(anySet(), any(), anyLong());
    }

    @Test
    void refusedWithAViewWhereTheProposerIsNotUpIsUnavailableNotOutcomeUnknown() throws Exception {
        View withoutSelf = view(5, Set.of(PEER2, PEER3), SELF);
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(failedFuture(new DecisionRefusedException("proposer is not UP", withoutSelf)));

        UnavailableException unavailable =
                catchThrowableOfType(() -> proposer.propose(WRITES), UnavailableException.class);

        assertThat(unavailable).isNotNull();
        assertThat(unavailable.outcomeUnknown()).isFalse();
        verify(coordinator, times(1)).decide(any());
        verify(participants).abortAll(eq(Set.of(SELF, PEER2, PEER3)), any());
        verify(views).update(withoutSelf);
        verify(participants, never()).commitAll(anySet(), any(), anyLong());
    }

    @Test
    void localParticipantNotAnsweringIsUnavailable() throws Exception {
        prepareAnswers(Map.of(SELF, PrepareResult.absent("local prepare timed out")));

        UnavailableException unavailable =
                catchThrowableOfType(() -> proposer.propose(WRITES), UnavailableException.class);

        assertThat(unavailable).isNotNull();
        assertThat(unavailable.outcomeUnknown()).isFalse();
        verify(coordinator, never()).decide(any());
        verify(participants).abortAll(eq(Set.of(PEER2, PEER3)), any());
        verify(participants, never()).commitAll(anySet(), any(), anyLong());
    }

    @Test
    void readWhileLockedRunsAfterTheVotesAndBeforeDecide() throws Exception {
        @SuppressWarnings("unchecked")
        Supplier<String> whileLocked = mock(Supplier.class);
        when(whileLocked.get()).thenReturn("read under lock");
        everyoneVotesCommit();
        when(coordinator.decide(any())).thenReturn(completedFuture(5L));

        Proposer.Committed<String> committed = proposer.propose(WRITES, whileLocked);

        assertThat(committed.seq()).isEqualTo(5);
        assertThat(committed.readWhileLocked()).isEqualTo("read under lock");
        InOrder order = inOrder(participants, whileLocked, coordinator);
        order.verify(participants).prepareAll(anySet(), any());
        order.verify(whileLocked).get();
        order.verify(coordinator).decide(any());
        order.verify(participants).commitAll(anySet(), any(), eq(5L));
    }

    @Test
    void readWhileLockedDoesNotRunWhenAVoteAborts() {
        @SuppressWarnings("unchecked")
        Supplier<String> whileLocked = mock(Supplier.class);
        prepareAnswers(Map.of(PEER2, PrepareResult.voted(Vote.no("locked"))));

        catchThrowableOfType(() -> proposer.propose(WRITES, whileLocked), TransactionAbortedException.class);

        verify(whileLocked, never()).get();
    }

    @Test
    void theDecideRequestLeavesFromTheThreadThatDeliversTheLastVote() throws Exception {
        CompletableFuture<Map<ReplicaId, PrepareResult>> votes = new CompletableFuture<>();
        when(participants.prepareAll(anySet(), any())).thenReturn(votes);
        AtomicReference<Thread> decidedOn = new AtomicReference<>();
        when(coordinator.decide(any())).thenAnswer(inv -> {
            decidedOn.set(Thread.currentThread());
            return completedFuture(8L);
        });
        CompletableFuture<Long> proposed = new CompletableFuture<>();
        Thread proposing = new Thread(() -> {
            try {
                proposed.complete(proposer.propose(WRITES));
            } catch (Exception e) {
                proposed.completeExceptionally(e);
            }
        }, "proposing");
        proposing.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> proposing.getState() == Thread.State.WAITING);

        Thread voter = new Thread(() -> votes.complete(Map.of(
                SELF, PrepareResult.voted(Vote.yes()), PEER2, PrepareResult.voted(Vote.yes()), PEER3, PrepareResult.voted(Vote.yes()))),
                "voter");
        voter.start();
        voter.join();

        assertThat(proposed.get(5, TimeUnit.SECONDS)).isEqualTo(8);
        assertThat(decidedOn.get()).isSameAs(voter);
        verify(participants).commitAll(eq(Set.of(SELF, PEER2, PEER3)), any(), eq(8L));
    }

    @Test
    void anAsynchronousProposalCommitsOnTheThreadThatDeliversTheDecision() throws Exception {
        everyoneVotesCommit();
        CompletableFuture<Long> decision = new CompletableFuture<>();
        when(coordinator.decide(any())).thenReturn(decision);
        AtomicReference<Thread> committedOn = new AtomicReference<>();
        doAnswer(inv -> {
            committedOn.set(Thread.currentThread());
            return null;
        }).when(participants).commitAll(anySet(), any(), anyLong());

        CompletableFuture<Proposer.Committed<String>> proposed = proposer.proposeAsync(WRITES, () -> "read under the locks");

        assertThat(proposed).isNotDone();
        verify(participants, never()).commitAll(anySet(), any(), anyLong());
        Thread decider = new Thread(() -> decision.complete(12L), "decider");
        decider.start();
        decider.join();

        assertThat(proposed.get(5, TimeUnit.SECONDS)).isEqualTo(new Proposer.Committed<>(12L, "read under the locks"));
        assertThat(committedOn.get()).isSameAs(decider);
    }

    @Test
    void aProposerInterruptedWhileWaitingReportsAnUnknownOutcomeAndKeepsTheInterrupt() throws Exception {
        when(participants.prepareAll(anySet(), any())).thenReturn(new CompletableFuture<>());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread proposing = new Thread(() -> {
            try {
                proposer.propose(WRITES);
                failure.complete(null);
            } catch (Exception e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                failure.complete(e);
            }
        }, "proposing");
        proposing.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> proposing.getState() == Thread.State.WAITING);

        proposing.interrupt();

        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(UnavailableException.class,
                e -> assertThat(e.outcomeUnknown()).isTrue());
        assertThat(stillInterrupted.get()).isTrue();
        verify(participants, never()).commitAll(anySet(), any(), anyLong());
    }

    @SuppressWarnings("unchecked")
    private static ArgumentCaptor<Set<ReplicaId>> setCaptor() {
        return ArgumentCaptor.forClass((Class<Set<ReplicaId>>) (Class<?>) Set.class);
    }
}
