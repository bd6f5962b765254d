package dev.kvstore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.txn.CoordinatorPort;
import dev.kvstore.server.txn.ParticipantClient;
import dev.kvstore.server.txn.PrepareResult;
import dev.kvstore.server.txn.Proposer;
import dev.kvstore.server.txn.RequestLimits;
import dev.kvstore.server.txn.TxIds;
import dev.kvstore.server.txn.WriteForwarding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KVStoreServiceTest {
    private static final ReplicaId SELF = new ReplicaId("localhost", 1111);
    private static final View ONLY_SELF_UP = new View(1, List.of(new MemberStatus(SELF, ReplicaState.UP, 0, -1)));
    private static final RequestLimits LIMITS = new RequestLimits(8, 16);

    private static final long LEASE_MILLIS = 1000;

    private final FakeClock clock = new FakeClock();
    private final ReplicaNode node = new ReplicaNode(SELF, LIMITS, clock, Duration.ofSeconds(5));
    private final ParticipantClient participants = mock(ParticipantClient.class);
    private final CoordinatorPort decisions = mock(CoordinatorPort.class);
    private final Proposer.ViewSource views = mock(Proposer.ViewSource.class);
    private final AtomicBoolean coordinatorReachable = new AtomicBoolean(true);
    private final KVStoreService service = new KVStoreService(
            node, new Proposer(SELF, participants, decisions, views, new TxIds(SELF, 1L), 2), LIMITS, coordinatorReachable::get, Duration.ZERO);

    /** UP, with a fresh read lease. */
    private void serving() {
        node.becomeCatchingUp();
        node.becomeUp(ONLY_SELF_UP);
        node.onHeartbeatReply(new HeartbeatReply(ReplicaState.UP, ONLY_SELF_UP, LEASE_MILLIS));
    }

    /** The participant port reaches only this node's own participant; the coordinator assigns seqs from 100. */
    private void localClusterOfOne() throws Exception {
        AtomicLong seq = new AtomicLong(100);
        when(views.current()).thenReturn(ONLY_SELF_UP);
        when(participants.prepareAll(anySet(), any())).thenAnswer(inv -> {
            Prepare prepare = inv.getArgument(1);
            return CompletableFuture.completedFuture(Map.of(SELF, PrepareResult.voted(node.prepare(prepare))));
        });
        doAnswer(inv -> {
            node.commit(inv.getArgument(1), inv.<Long>getArgument(2));
            return Set.of();
        }).when(participants).commitAll(anySet(), any(), anyLong());
        when(decisions.decide(any())).thenAnswer(inv -> CompletableFuture.completedFuture(seq.incrementAndGet()));
    }

    private void seed(String key, String value) {
        node.applyDecision(new Decision(1, new TxId("seed-" + key), List.of(Write.put(key, value))));
    }

    @Test
    void getOnAReplicaCatchingUpIsUnavailableAndNamesTheState() {
        node.becomeCatchingUp();

        assertThatThrownBy(() -> service.get("a"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.reason()).contains("catching up");
                    assertThat(e.outcomeUnknown()).isFalse();
                });
    }

    @Test
    void getOnAStartingReplicaIsUnavailable() {
        assertThatThrownBy(() -> service.get("a"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("starting");
    }

    @Test
    void getOnADemotedReplicaIsUnavailable() {
        serving();
        node.onHeartbeatReply(new HeartbeatReply(ReplicaState.DOWN,
                new View(2, List.of(new MemberStatus(SELF, ReplicaState.DOWN, 0, -1)))));

        assertThatThrownBy(() -> service.get("a"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("down");
    }

    @Test
    void getOnAServingReplicaReadsTheLocalStore() throws Exception {
        serving();
        seed("a", "1");

        assertThat(service.get("a")).isEqualTo("1");
        assertThat(service.get("b")).isNull();
    }

    @Test
    void getManyAnswersEachKeyInOrderAndAHeldKeyAsHeldWithoutWaiting() throws Exception {
        serving();
        seed("a", "1");
        seed("h", "old");
        node.prepare(new Prepare(new TxId("1000-holder"), SELF, ONLY_SELF_UP.epoch(), List.of(Write.put("h", "new"))));

        // The service's read wait is zero: a get of "h" would fail at once, getMany marks it instead.
        assertThat(service.getMany(new String[] {"h", "a", "b"})).containsExactly(KVStore.HELD, "1", null);
        assertThatThrownBy(() -> service.get("h")).isInstanceOf(UnavailableException.class);
    }

    @Test
    void getManyRefusesTheWholeCallForNoKeysTooManyOrOneInvalidKey() {
        serving();

        assertRefused(() -> service.getMany(new String[0]), "no keys");
        assertRefused(() -> service.getMany(new String[KVStore.MAX_KEYS_PER_GET_MANY + 1]), "the limit is " + KVStore.MAX_KEYS_PER_GET_MANY);
        assertRefused(() -> service.getMany(new String[] {"a", "much-too-long"}), "limit");
    }

    @Test
    void getManyWithoutAReadLeaseIsUnavailable() {
        node.becomeCatchingUp();
        node.becomeUp(ONLY_SELF_UP);

        assertThatThrownBy(() -> service.getMany(new String[] {"a", "b"}))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.reason()).contains("lease"));
    }

    @Test
    void getWithoutAReadLeaseIsUnavailable() {
        node.becomeCatchingUp();
        node.becomeUp(ONLY_SELF_UP);
        seed("a", "1");

        assertThatThrownBy(() -> service.get("a"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.reason()).contains("lease"));
    }

    @Test
    void getAfterTheReadLeaseRunsOutIsUnavailable() throws Exception {
        serving();
        seed("a", "1");
        assertThat(service.get("a")).isEqualTo("1");

        clock.advance(Duration.ofMillis(LEASE_MILLIS));

        assertThatThrownBy(() -> service.get("a")).isInstanceOf(UnavailableException.class).hasMessageContaining("lease");
    }

    @Test
    void writesAreRefusedWhenTheCoordinatorIsUnreachable() {
        serving();
        coordinatorReachable.set(false);

        assertThatThrownBy(() -> service.put("a", "1"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.reason()).contains("coordinator");
                    assertThat(e.outcomeUnknown()).isFalse();
                });
        assertThatThrownBy(() -> service.delete("a")).isInstanceOf(UnavailableException.class);
        verifyNoInteractions(participants, decisions, views);
    }

    @Test
    void readsStillServedWhenTheCoordinatorIsUnreachable() throws Exception {
        serving();
        seed("a", "1");
        coordinatorReachable.set(false);

        assertThat(service.get("a")).isEqualTo("1");
    }

    @Test
    void writesAreRefusedOnAReplicaThatIsNotUp() {
        node.becomeCatchingUp();

        assertThatThrownBy(() -> service.put("a", "1"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("catching up");
        assertThatThrownBy(() -> service.delete("a")).isInstanceOf(UnavailableException.class);
        verifyNoInteractions(participants, decisions, views);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nine-byte", "\uD800"})
    void invalidKeysAreRefusedBeforeAnythingIsProposed(String badKey) {
        serving();

        assertThatThrownBy(() -> service.put(badKey, "v")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> service.delete(badKey)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> service.get(badKey)).isInstanceOf(InvalidRequestException.class);
        verifyNoInteractions(participants, decisions, views);
    }

    @Test
    void nullKeysAndValuesAreRefusedBeforeAnythingIsProposed() {
        serving();

        assertRefused(() -> service.put(null, "v"), "key is null");
        assertRefused(() -> service.delete(null), "key is null");
        assertRefused(() -> service.put("a", null), "value is null");
        verifyNoInteractions(participants, decisions, views);
    }

    @Test
    void oversizedAndMalformedValuesAreRefusedBeforeAnythingIsProposed() {
        serving();

        assertRefused(() -> service.put("a", "v".repeat(17)), "value is 17 bytes");
        assertRefused(() -> service.put("a", "ok\uDC00"), "lone surrogate");
        verifyNoInteractions(participants, decisions, views);
        assertThat(node.isPresent("a")).isFalse();
    }

    @Test
    void invalidInputIsRefusedAsInvalidEvenOnAReplicaThatIsNotUp() {
        assertRefused(() -> service.put("", "v"), "key is empty");
        assertRefused(() -> service.delete(""), "key is empty");
        assertRefused(() -> service.get(""), "key is empty");
        verifyNoInteractions(participants, decisions, views);
    }

    @Test
    void putCommitsThroughTheProposer() throws Exception {
        serving();
        localClusterOfOne();

        service.put("a", "1");

        assertThat(service.get("a")).isEqualTo("1");
        verify(decisions).decide(any());
    }

    @Test
    void deleteReturnsTrueWhenTheKeyExisted() throws Exception {
        serving();
        seed("a", "1");
        localClusterOfOne();

        assertThat(service.delete("a")).isTrue();

        assertThat(service.get("a")).isNull();
    }

    @Test
    void deleteReturnsFalseWhenTheKeyWasAbsent() throws Exception {
        serving();
        localClusterOfOne();

        assertThat(service.delete("a")).isFalse();

        verify(decisions).decide(any());
        assertThat(service.get("a")).isNull();
    }

    @Test
    void deleteOfAnAlreadyDeletedKeyReturnsFalse() throws Exception {
        serving();
        seed("a", "1");
        localClusterOfOne();
        service.delete("a");

        assertThat(service.delete("a")).isFalse();
    }

    // ---- forwarding to the write leader ----

    private static final ReplicaId LEADER = new ReplicaId("localhost", 1000);

    /** A service whose writes go to a busy LEADER, which answers {@code answer}. */
    private KVStoreService forwardingTo(ForwardReply answer, List<List<Write>> forwarded) {
        View leaderAndSelf = new View(1, List.of(new MemberStatus(LEADER, ReplicaState.UP, 0, -1),
                new MemberStatus(SELF, ReplicaState.UP, 0, -1)));
        WriteForwarding forwarding = new WriteForwarding(SELF, () -> leaderAndSelf, (target, writes) -> {
            assertThat(target).isEqualTo(LEADER);
            forwarded.add(writes);
            return CompletableFuture.completedFuture(answer);
        }, clock, Duration.ofMillis(5), Duration.ofSeconds(1), 8);
        forwarding.onPrepares(LEADER);
        return new KVStoreService(node, new Proposer(SELF, participants, decisions, views, new TxIds(SELF, 1L), 2), LIMITS,
                coordinatorReachable::get, Duration.ZERO, forwarding);
    }

    @Test
    void aWriteGoesToABusyLeaderAndIsNotProposedHere() throws Exception {
        serving();
        List<List<Write>> forwarded = new ArrayList<>();
        KVStoreService forwarding = forwardingTo(ForwardReply.committed(true), forwarded);

        forwarding.put("a", "1");
        assertThat(forwarding.delete("b")).isTrue();

        assertThat(forwarded).containsExactly(List.of(Write.put("a", "1")), List.of(Write.delete("b")));
        verifyNoInteractions(participants, decisions);
    }

    @Test
    void theLeadersAbortAndUnknownOutcomeReachTheClientAsTheirOwnErrors() {
        serving();
        KVStoreService aborting = forwardingTo(ForwardReply.aborted("1000-7", "key 'a' is locked"), new ArrayList<>());
        KVStoreService unsure = forwardingTo(ForwardReply.outcomeUnknown("decide timed out"), new ArrayList<>());

        assertThatThrownBy(() -> aborting.put("a", "1"))
                .isInstanceOfSatisfying(TransactionAbortedException.class, e -> assertThat(e.txId()).isEqualTo("1000-7"));
        assertThatThrownBy(() -> unsure.put("a", "1"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    }

    @Test
    void aWriteTheLeaderDeclinesIsProposedHere() throws Exception {
        serving();
        localClusterOfOne();
        List<List<Write>> forwarded = new ArrayList<>();
        KVStoreService forwarding = forwardingTo(ForwardReply.declined("catching up"), forwarded);

        forwarding.put("a", "1");

        assertThat(forwarded).hasSize(1);
        verify(decisions).decide(any());
        assertThat(service.get("a")).isEqualTo("1");
    }

    @Test
    void forwardedWritesAreProposedHereEachOnItsOwnAndReportWhatTheyDeleted() throws Exception {
        serving();
        seed("a", "1");
        localClusterOfOne();

        List<ForwardReply> replies = service.proposeForwarded(List.of(
                List.of(Write.delete("a")), List.of(Write.put("b", "2")), List.of(Write.delete("c"))));

        assertThat(replies).containsExactly(ForwardReply.committed(true), ForwardReply.committed(false), ForwardReply.committed(false));
        verify(decisions, times(3)).decide(any());
        assertThat(service.get("a")).isNull();
        assertThat(service.get("b")).isEqualTo("2");
    }

    @Test
    @Timeout(10)
    void theWritesOfOneForwardBatchAreUnderWayTogether() throws Exception {
        serving();
        localClusterOfOne();
        List<CompletableFuture<Long>> decides = new CopyOnWriteArrayList<>();
        when(decisions.decide(any())).thenAnswer(inv -> {
            CompletableFuture<Long> decide = new CompletableFuture<>();
            decides.add(decide);
            return decide;
        });

        CompletableFuture<List<ForwardReply>> replies = CompletableFuture.supplyAsync(
                () -> service.proposeForwarded(List.of(List.of(Write.put("a", "1")), List.of(Write.put("b", "2")))));

        await().atMost(Duration.ofSeconds(5)).until(() -> decides.size() == 2); // the second did not wait for the first
        assertThat(replies).isNotDone();
        decides.get(1).complete(7L);
        decides.get(0).complete(6L);
        assertThat(replies.get(5, TimeUnit.SECONDS)).containsExactly(ForwardReply.committed(false), ForwardReply.committed(false));
    }

    @Test
    void forwardedWritesAreDeclinedWhenThisReplicaCannotProposeThem() {
        node.becomeCatchingUp();
        assertThat(service.proposeForwarded(List.of(List.of(Write.put("a", "1")), List.of(Write.put("b", "1")))))
                .hasSize(2)
                .allSatisfy(reply -> assertThat(reply.declined()).isTrue())
                .allSatisfy(reply -> assertThat(reply.reason()).contains("catching up"));

        serving();
        coordinatorReachable.set(false);
        assertThat(service.proposeForwarded(List.of(List.of(Write.put("a", "1")))))
                .allSatisfy(reply -> assertThat(reply.declined()).isTrue());
        verifyNoInteractions(participants, decisions);
    }

    @Test
    void anInvalidForwardedWriteIsDeclinedAndTheOthersOfItsBatchCommit() throws Exception {
        serving();
        localClusterOfOne();

        List<ForwardReply> replies = service.proposeForwarded(List.of(List.of(Write.put("", "1")), List.of(Write.put("b", "2"))));

        assertThat(replies.get(0).declined()).isTrue();
        assertThat(replies.get(1)).isEqualTo(ForwardReply.committed(false));
        assertThat(service.get("b")).isEqualTo("2");
    }

    @Test
    void aForwardedWriteWhoseDecideIsUnansweredHasAnUnknownOutcome() throws Exception {
        serving();
        localClusterOfOne();
        when(decisions.decide(any())).thenReturn(CompletableFuture.failedFuture(new java.rmi.RemoteException("coordinator paused")));

        List<ForwardReply> replies = service.proposeForwarded(List.of(List.of(Write.put("a", "1"))));

        assertThat(replies).singleElement().satisfies(reply -> assertThat(reply.outcome()).isEqualTo(ForwardReply.Outcome.OUTCOME_UNKNOWN));
    }

    private static void assertRefused(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOf(InvalidRequestException.class).hasMessageContaining(message);
    }
}
