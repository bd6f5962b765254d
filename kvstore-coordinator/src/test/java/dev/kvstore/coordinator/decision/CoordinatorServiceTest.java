package dev.kvstore.coordinator.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecideResult;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.DecisionRefusedException;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.HeartbeatReply;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.coordinator.log.DecisionStore;
import dev.kvstore.coordinator.log.GroupCommitter;
import dev.kvstore.coordinator.log.StorageFailure;
import dev.kvstore.coordinator.membership.LeaseTable;
import dev.kvstore.coordinator.membership.Membership;
import dev.kvstore.server.store.VersionedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coordinator's protocol over an in-memory decision store, a real group committer and a fake
 * clock. Reference: DESIGN.md, "Write path" steps 4 and 6, and "Membership, recovery and reads".
 */
class CoordinatorServiceTest {
    private static final Duration DURABLE_WAIT = Duration.ofSeconds(10);
    private static final long EXPIRY = TimeUnit.SECONDS.toNanos(3);
    private static final int MAX_JOIN_GAP = 100;
    private static final long LEASE_MILLIS = 2_000;
    private static final long LEASE = TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS);

    private static final ReplicaId A = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId B = new ReplicaId("127.0.0.1", 2222);
    private static final ReplicaId C = new ReplicaId("127.0.0.1", 3333);
    private static final ReplicaId D = new ReplicaId("127.0.0.1", 4444);

    private final AtomicLong nanos = new AtomicLong(5_000_000);
    private final List<GroupCommitter> committers = new ArrayList<>();
    private final List<GatedStore> gatedStores = new ArrayList<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        gatedStores.forEach(s -> s.gate.countDown()); // never leave a writer thread parked
        pools.forEach(ExecutorService::shutdownNow);
        committers.forEach(GroupCommitter::close);
    }

    // --- decide ---------------------------------------------------------------------------------

    @Test
    void decideAssignsContiguousSeqsStartingAfterTheStoresLastSeq() throws Exception {
        InMemoryDecisionStore durable = storeWith(3);
        CoordinatorService service = start(durable);
        up(service, A, B);

        long first = service.decide(request("t-a", A, Set.of(A, B), Write.put("x", "1")));
        long second = service.decide(request("t-b", B, Set.of(A, B), Write.put("y", "2")));
        long third = service.decide(request("t-c", A, Set.of(A, B), Write.delete("x")));

        assertThat(List.of(first, second, third)).containsExactly(4L, 5L, 6L);
        assertThat(durable.lastSeq()).isEqualTo(6);
        assertThat(durable.decisionsAfter(3, 10)).containsExactly(
                new Decision(4, new TxId("t-a"), List.of(Write.put("x", "1"))),
                new Decision(5, new TxId("t-b"), List.of(Write.put("y", "2"))),
                new Decision(6, new TxId("t-c"), List.of(Write.delete("x"))));
    }

    @Test
    void aBatchIsDecidedRequestByRequestAndARefusalInItDoesNotStopTheOthers() {
        InMemoryDecisionStore durable = storeWith(0);
        CoordinatorService service = start(durable);
        up(service, A, B);

        List<DecideResult> results = service.decideAll(List.of(
                request("t-1", A, Set.of(A, B), Write.put("x", "1")),
                request("t-2", A, Set.of(A), Write.put("y", "1")), // leaves out B, which is UP
                request("t-3", B, Set.of(A, B), Write.put("z", "1")),
                request("t-1", A, Set.of(A, B), Write.put("x", "1")))); // a repeat gets the same seq

        assertThat(results).extracting(DecideResult::seq).containsExactly(1L, 0L, 2L, 1L);
        assertThat(results.get(1).isCommitted()).isFalse();
        assertThat(results.get(1).refusal()).contains("do not include UP replicas [" + B + "]");
        assertThat(results.get(1).view().up()).containsExactlyInAnyOrder(A, B);
        assertThat(durable.decisionsAfter(0, 10)).extracting(Decision::txId).containsExactly(new TxId("t-1"), new TxId("t-3"));
    }

    @Test
    @Timeout(30)
    void decideReturnsOnlyAfterTheDecisionIsDurable() throws Exception {
        GatedStore durable = gatedStore();
        CoordinatorService service = start(durable);
        up(service, A);

        Future<Long> decided = pool(1).submit(() -> service.decide(request("t-1", A, Set.of(A), Write.put("k", "v"))));
        assertThat(durable.entered.await(10, TimeUnit.SECONDS)).isTrue();

        // The append (the fsync) is in progress: decide must still be waiting for it.
        assertThatThrownBy(() -> decided.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(durable.decisionOf(new TxId("t-1"))).isEmpty();

        durable.gate.countDown();
        assertThat(decided.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(durable.decisionOf(new TxId("t-1"))).map(Decision::seq).contains(1L);
    }

    @Test
    void decideMarksTheSuspectsDownAndThenRefusesWhenTheParticipantsDoNotCoverEveryUpReplica() {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        CoordinatorService service = start(durable);
        up(service, A, B, C);
        long epochBefore = service.view().epoch();

        // B is a suspect, but C is UP and not among the participants.
        assertThatThrownBy(() -> service.decide(request("t-1", A, Set.of(A), Set.of(B), Write.put("k", "v"))))
                .isInstanceOfSatisfying(DecisionRefusedException.class, e -> {
                    assertThat(e.getMessage()).contains(C.toString());
                    View view = e.view();
                    assertThat(view.epoch()).isGreaterThan(epochBefore);
                    assertThat(view.stateOf(B)).isEqualTo(ReplicaState.DOWN);
                    assertThat(view.up()).containsExactlyInAnyOrder(A, C);
                });
        assertThat(service.view().stateOf(B)).isEqualTo(ReplicaState.DOWN);
        assertThat(durable.lastSeq()).isZero();
    }

    @Test
    void decideMarksTheSuspectsDownAndCommitsWithoutThem() throws Exception {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        CoordinatorService service = start(durable);
        up(service, A, B, C);

        long seq = service.decide(request("t-1", A, Set.of(A, C), Set.of(B), Write.put("k", "v")));

        assertThat(seq).isEqualTo(1);
        assertThat(service.view().up()).containsExactlyInAnyOrder(A, C);
        // B is DOWN now: a later decide need not include it.
        assertThat(service.decide(request("t-2", C, Set.of(A, C), Write.put("k", "w")))).isEqualTo(2);
    }

    @Test
    void decideRefusesWhenTheProposerIsNotUp() {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        CoordinatorService service = start(durable);
        up(service, A, B);
        service.heartbeat(new Heartbeat(C, 33, ReplicaState.CATCHING_UP, 0));

        assertThatThrownBy(() -> service.decide(request("t-1", C, Set.of(A, B, C), Write.put("k", "v"))))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessageContaining("proposer " + C);
        assertThatThrownBy(() -> service.decide(request("t-2", D, Set.of(A, B, D), Write.put("k", "v"))))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessageContaining("proposer " + D);
        assertThat(durable.lastSeq()).isZero();
    }

    @Test
    void aProposerNamingItselfASuspectIsNotMarkedDown() throws Exception {
        CoordinatorService service = start(new InMemoryDecisionStore());
        up(service, A, B);

        long seq = service.decide(request("t-1", A, Set.of(A, B), Set.of(A), Write.put("k", "v")));

        assertThat(seq).isEqualTo(1);
        assertThat(service.view().up()).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void decidingTheSameTxTwiceReturnsTheSameSeqAndLogsItOnce() throws Exception {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        CoordinatorService service = start(durable);
        up(service, A, B, C);

        long first = service.decide(request("t-1", A, Set.of(A, B, C), Write.put("k", "v")));
        service.decide(request("t-2", B, Set.of(A, B, C), Write.put("k", "w")));
        long again = service.decide(request("t-1", A, Set.of(A, B, C), Write.put("k", "v")));
        // A retry whose participants no longer cover the view still gets its seq: it is already committed.
        long afterViewChange = service.decide(request("t-1", A, Set.of(A), Set.of(B), Write.put("k", "v")));

        assertThat(first).isEqualTo(1);
        assertThat(again).isEqualTo(1);
        assertThat(afterViewChange).isEqualTo(1);
        assertThat(durable.decisionsAfter(0, 10)).extracting(Decision::txId)
                .containsExactly(new TxId("t-1"), new TxId("t-2"));
    }

    @Test
    @Timeout(30)
    void aFailingStoreAppendMakesDecideThrowInsteadOfHanging() {
        StorageFailure diskFull = new StorageFailure("disk full");
        DecisionStore failing = mock(DecisionStore.class);
        doThrow(diskFull).when(failing).append(anyList());
        CoordinatorService service = start(failing, DURABLE_WAIT, MAX_JOIN_GAP);
        up(service, A);

        assertThatThrownBy(() -> service.decide(request("t-1", A, Set.of(A), Write.put("k", "v"))))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCause(diskFull);
        // Once an append failed nothing more becomes durable: later decisions fail fast too.
        assertThatThrownBy(() -> service.decide(request("t-2", A, Set.of(A), Write.put("k", "v"))))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCause(diskFull);
    }

    @Test
    @Timeout(30)
    void aDecideWaitingBehindAnAppendThatNeverEndsThrowsAfterTheDurableWait() throws Exception {
        GatedStore durable = gatedStore(); // its gate stays closed: a disk that never answers
        CoordinatorService service = start(durable, Duration.ofMillis(200), MAX_JOIN_GAP);
        up(service, A);
        // The first decide finds no append under way and makes it itself: it waits at the gate
        // as long as the disk does, and its caller's own deadline bounds the call.
        pool(1).submit(() -> service.decide(request("t-1", A, Set.of(A), Write.put("k", "v"))));
        assertThat(durable.entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> service.decide(request("t-2", A, Set.of(A), Write.put("k", "w"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not sync");
    }

    // --- outcome ----------------------------------------------------------------------------------

    @Test
    void outcomeOfAnUnknownTxDecidesAbortDurablyAndALaterDecideOfItIsRefused() {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        CoordinatorService service = start(durable);
        up(service, A);
        TxId tx = new TxId("t-in-doubt");

        Outcome outcome = service.outcome(tx);

        assertThat(outcome.isCommitted()).isFalse();
        assertThat(durable.isAborted(tx)).isTrue();
        assertThatThrownBy(() -> service.decide(request(tx.value(), A, Set.of(A), Write.put("k", "v"))))
                .isInstanceOf(DecisionRefusedException.class)
                .hasMessageContaining("ABORT");
        assertThat(durable.lastSeq()).isZero();
        assertThat(service.outcome(tx).isCommitted()).isFalse();
    }

    @Test
    void outcomeOfACommittedTxReturnsItsDecision() throws Exception {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        CoordinatorService service = start(durable);
        up(service, A);
        long seq = service.decide(request("t-1", A, Set.of(A), Write.put("k", "v"), Write.delete("old")));

        Outcome outcome = service.outcome(new TxId("t-1"));

        assertThat(outcome.isCommitted()).isTrue();
        assertThat(outcome.decision()).isEqualTo(new Decision(seq, new TxId("t-1"), List.of(Write.put("k", "v"), Write.delete("old"))));
        assertThat(durable.isAborted(new TxId("t-1"))).isFalse();
    }

    @Test
    @Timeout(30)
    void outcomeOfADecisionNotYetDurableWaitsForItAndAnswersCommit() throws Exception {
        GatedStore durable = gatedStore();
        CoordinatorService service = start(durable);
        up(service, A);
        ExecutorService pool = pool(2);

        Future<Long> decided = pool.submit(() -> service.decide(request("t-1", A, Set.of(A), Write.put("k", "v"))));
        assertThat(durable.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Outcome> asked = pool.submit(() -> service.outcome(new TxId("t-1")));
        assertThatThrownBy(() -> asked.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        durable.gate.countDown();
        Outcome outcome = asked.get(10, TimeUnit.SECONDS);
        assertThat(outcome.isCommitted()).isTrue();
        assertThat(outcome.decision().seq()).isEqualTo(decided.get(10, TimeUnit.SECONDS));
        assertThat(durable.isAborted(new TxId("t-1"))).isFalse();
    }

    // --- join, snapshot, catch-up -------------------------------------------------------------------

    @Test
    void joinHandsExactlyTheDecisionsAfterTheReplicasAppliedSeqAndMarksItUp() throws Exception {
        InMemoryDecisionStore durable = storeWith(5);
        CoordinatorService service = start(durable);
        up(service, A);
        service.decide(request("t-6", A, Set.of(A), Write.put("k6", "v6")));
        service.heartbeat(new Heartbeat(C, 33, ReplicaState.CATCHING_UP, 2));
        long epochBefore = service.view().epoch();

        JoinReply reply = service.join(C, 2);

        assertThat(reply.accepted()).isTrue();
        assertThat(reply.missing()).extracting(Decision::seq).containsExactly(3L, 4L, 5L, 6L);
        assertThat(reply.missing()).isEqualTo(durable.decisionsAfter(2, 10));
        assertThat(reply.view().stateOf(C)).isEqualTo(ReplicaState.UP);
        assertThat(reply.view().epoch()).isGreaterThan(epochBefore);
        // C is in the commit set from now on.
        assertThatThrownBy(() -> service.decide(request("t-7", A, Set.of(A), Write.put("k", "v"))))
                .isInstanceOf(DecisionRefusedException.class);
    }

    @Test
    void joinOfAReplicaThatLacksNothingIsAcceptedWithNoDecisions() throws Exception {
        CoordinatorService service = start(storeWith(4));

        JoinReply reply = service.join(C, 4);

        assertThat(reply.accepted()).isTrue();
        assertThat(reply.missing()).isEmpty();
        assertThat(service.view().up()).containsExactly(C);
    }

    @Test
    void joinIsRefusedWhenTheGapExceedsMaxJoinGap() throws Exception {
        CoordinatorService service = start(storeWith(5), DURABLE_WAIT, 3);
        service.heartbeat(new Heartbeat(C, 33, ReplicaState.CATCHING_UP, 1));
        long epochBefore = service.view().epoch();

        JoinReply tooFar = service.join(C, 1); // lacks 4

        assertThat(tooFar.accepted()).isFalse();
        assertThat(tooFar.missing()).isEmpty();
        assertThat(tooFar.view().stateOf(C)).isEqualTo(ReplicaState.CATCHING_UP);
        assertThat(service.view().epoch()).isEqualTo(epochBefore);

        JoinReply justEnough = service.join(C, 2); // lacks exactly 3
        assertThat(justEnough.accepted()).isTrue();
        assertThat(justEnough.missing()).extracting(Decision::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void snapshotPagesThroughTheCommittedStoreInKeyOrderWithDurableSeqAndLastFlag() {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        durable.append(List.of(
                decision(1, "t-1", Write.put("e", "5"), Write.put("b", "2")),
                decision(2, "t-2", Write.put("a", "1"), Write.put("d", "4")),
                decision(3, "t-3", Write.delete("b"), Write.put("c", "3"))));
        CoordinatorService service = start(durable);

        SnapshotChunk first = service.snapshot(null, 2);
        assertThat(first.entries()).containsExactly(new SnapshotEntry("a", "1", 2), new SnapshotEntry("b", null, 3));
        assertThat(first.durableSeq()).isEqualTo(3);
        assertThat(first.last()).isFalse();

        SnapshotChunk second = service.snapshot(first.lastKey(), 2);
        assertThat(second.entries()).containsExactly(new SnapshotEntry("c", "3", 3), new SnapshotEntry("d", "4", 2));
        assertThat(second.last()).isFalse();

        SnapshotChunk third = service.snapshot(second.lastKey(), 2);
        assertThat(third.entries()).containsExactly(new SnapshotEntry("e", "5", 1));
        assertThat(third.durableSeq()).isEqualTo(3);
        assertThat(third.last()).isTrue();
    }

    @Test
    void aFullSnapshotScanEndsAndHoldsEveryKeyOnce() {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 10; i++) writes.add(Write.put(String.format("key-%02d", i), "v" + i));
        durable.append(List.of(new Decision(1, new TxId("t-1"), writes)));
        CoordinatorService service = start(durable);

        List<String> keys = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 20; page++) {
            SnapshotChunk chunk = service.snapshot(after, 5); // the last full page may not say last
            chunk.entries().forEach(e -> keys.add(e.key()));
            if (chunk.last()) break;
            after = chunk.lastKey();
        }

        assertThat(keys).isSorted().doesNotHaveDuplicates().hasSize(10);
    }

    @Test
    void snapshotPagesAreBoundedByBytesNotOnlyByEntries() {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        String large = "v".repeat(CoordinatorService.SNAPSHOT_PAGE_BYTES / 2);
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < 5; i++) writes.add(Write.put("key-" + i, large));
        durable.append(List.of(new Decision(1, new TxId("t-1"), writes)));
        CoordinatorService service = start(durable);

        SnapshotChunk first = service.snapshot(null, 1_000);

        assertThat(first.entryCount()).isEqualTo(2); // the second entry fills the page
        assertThat(first.last()).isFalse();
        assertThat(first.blocks()).allSatisfy(b -> assertThat(b.length).isLessThanOrEqualTo(SnapshotChunk.MAX_BLOCK_BYTES));
        SnapshotChunk second = service.snapshot(first.lastKey(), 1_000);
        SnapshotChunk third = service.snapshot(second.lastKey(), 1_000);
        assertThat(third.entries()).extracting(SnapshotEntry::key).containsExactly("key-4");
        assertThat(third.last()).isTrue();
    }

    @Test
    void snapshotServesAtLeastOneEntryPerPage() {
        CoordinatorService service = start(storeWith(3));

        assertThat(service.snapshot(null, 0).entries()).hasSize(1);
    }

    @Test
    void decisionsAfterReturnsAPageOfDecisionsAfterTheSeqWithTheDurableSeq() {
        InMemoryDecisionStore durable = storeWith(5);
        CoordinatorService service = start(durable);

        DecisionBatch page = service.decisionsAfter(2, 2);
        assertThat(page.decisions()).extracting(Decision::seq).containsExactly(3L, 4L);
        assertThat(page.decisions()).isEqualTo(durable.decisionsAfter(2, 2));
        assertThat(page.lastSeq()).isEqualTo(5);

        DecisionBatch rest = service.decisionsAfter(4, 100);
        assertThat(rest.decisions()).extracting(Decision::seq).containsExactly(5L);

        assertThat(service.decisionsAfter(5, 100).decisions()).isEmpty();
    }

    // --- status, heartbeat, restart ------------------------------------------------------------------

    @Test
    void statusDigestEqualsTheDigestOfAVersionedStoreThatAppliedTheSameDecisions() throws Exception {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        durable.append(List.of(
                decision(1, "t-1", Write.put("a", "1"), Write.put("b", "1")),
                decision(2, "t-2", Write.put("c", "1"))));
        CoordinatorService service = start(durable); // the mirror loads seqs 1..2 from the store
        up(service, A);
        service.decide(request("t-3", A, Set.of(A), Write.put("a", "2"), Write.delete("b")));
        service.decide(request("t-4", A, Set.of(A), Write.put("d", "1"), Write.put("d", "ignored: same seq")));
        service.decide(request("t-5", A, Set.of(A), Write.delete("never-written")));

        VersionedStore replica = new VersionedStore();
        List<Decision> all = new ArrayList<>(durable.decisionsAfter(0, 100));
        Collections.reverse(all); // applying is versioned: order does not matter
        for (Decision d : all) for (Write w : d.writes()) replica.apply(w.key(), w.value(), d.seq());

        ClusterStatus status = service.status();
        assertThat(status.lastSeq()).isEqualTo(5);
        assertThat(status.keyCount()).isEqualTo(replica.keyCount()).isEqualTo(3);
        assertThat(status.digest()).isEqualTo(replica.digest()).isNotEqualTo(new VersionedStore().digest());
        assertThat(replica.get("d")).isEqualTo("1");
    }

    @Test
    void heartbeatRegistersTheReplicaAndRepliesWithItsStateAndTheView() {
        CoordinatorService service = start(storeWith(2));

        HeartbeatReply behind = service.heartbeat(new Heartbeat(A, 11, ReplicaState.UP, 1));
        HeartbeatReply caughtUp = service.heartbeat(new Heartbeat(B, 22, ReplicaState.UP, 2));

        assertThat(behind.state()).isEqualTo(ReplicaState.DOWN);
        assertThat(caughtUp.state()).isEqualTo(ReplicaState.UP);
        assertThat(caughtUp.view().up()).containsExactly(B);
        assertThat(caughtUp.view()).isEqualTo(service.view());
    }

    @Test
    void tickMarksReplicasWhoseHeartbeatsStoppedDownByTheInjectedClock() throws Exception {
        CoordinatorService service = start(new InMemoryDecisionStore());
        up(service, A, B);
        nanos.addAndGet(EXPIRY / 2);
        service.heartbeat(new Heartbeat(B, 2222, ReplicaState.UP, 0));

        nanos.addAndGet(EXPIRY / 2 + 1);
        service.tick();

        assertThat(service.view().up()).containsExactly(B);
        assertThat(service.decide(request("t-1", B, Set.of(B), Write.put("k", "v")))).isEqualTo(1);
    }

    @Test
    void aRestartedCoordinatorContinuesFromItsStoreAndRemembersEveryDecision() throws Exception {
        InMemoryDecisionStore durable = new InMemoryDecisionStore();
        CoordinatorService before = start(durable);
        up(before, A);
        before.decide(request("t-1", A, Set.of(A), Write.put("k", "1")));
        before.decide(request("t-2", A, Set.of(A), Write.put("k", "2")));
        before.outcome(new TxId("t-aborted"));
        committers.forEach(GroupCommitter::close);

        CoordinatorService after = start(durable); // fresh membership, mirror and committer
        assertThat(after.heartbeat(new Heartbeat(A, 1111, ReplicaState.UP, 2)).state()).isEqualTo(ReplicaState.UP);

        assertThat(after.decide(request("t-3", A, Set.of(A), Write.put("k", "3")))).isEqualTo(3);
        assertThat(after.decide(request("t-1", A, Set.of(A), Write.put("k", "1")))).isEqualTo(1);
        assertThat(after.outcome(new TxId("t-2")).decision().seq()).isEqualTo(2);
        assertThatThrownBy(() -> after.decide(request("t-aborted", A, Set.of(A), Write.put("k", "x"))))
                .isInstanceOf(DecisionRefusedException.class);
        assertThat(after.status().lastSeq()).isEqualTo(3);
    }

    // --- read leases -----------------------------------------------------------------------------------

    @Test
    void heartbeatGrantsAReadLeaseOnlyToAnUpReplica() {
        CoordinatorService service = startWithLeases(storeWith(2), LEASE);

        assertThat(service.heartbeat(new Heartbeat(A, 11, ReplicaState.UP, 2)).leaseMillis()).isEqualTo(LEASE_MILLIS);
        assertThat(service.heartbeat(new Heartbeat(B, 22, ReplicaState.UP, 1)).leaseMillis()).isZero(); // behind: DOWN
        assertThat(service.heartbeat(new Heartbeat(C, 33, ReplicaState.CATCHING_UP, 0)).leaseMillis()).isZero();
    }

    @Test
    void aFreshCoordinatorWaitsOutLeasesAnEarlierProcessMayHaveGranted() throws Exception {
        long startedAt = nanos.get();
        CoordinatorService service = startWithLeases(new InMemoryDecisionStore(), LEASE);
        up(service, A);

        service.decide(request("t-1", A, Set.of(A), Write.put("k", "v")));

        assertThat(sleeps).containsExactly(startedAt + LEASE);
    }

    @Test
    void aDecideThatLeavesOutASuspectReturnsOnlyOnceTheSuspectsLeaseRanOut() throws Exception {
        CoordinatorService service = startWithLeases(new InMemoryDecisionStore(), LEASE);
        nanos.addAndGet(LEASE + 1); // past the leases an earlier coordinator may have granted
        up(service, A, B);
        long bGranted = nanos.get();
        nanos.addAndGet(LEASE / 4);

        long seq = service.decide(request("t-1", A, Set.of(A), Set.of(B), Write.put("k", "v")));

        assertThat(seq).isEqualTo(1);
        assertThat(sleeps).containsExactly(bGranted + LEASE);
        assertThat(nanos.get()).isGreaterThanOrEqualTo(bGranted + LEASE);
    }

    @Test
    void aDecideThatIncludesEveryLeaseHolderDoesNotWait() throws Exception {
        CoordinatorService service = startWithLeases(new InMemoryDecisionStore(), LEASE);
        nanos.addAndGet(LEASE + 1);
        up(service, A, B);

        service.decide(request("t-1", A, Set.of(A, B), Write.put("k", "v")));

        assertThat(sleeps).isEmpty();
    }

    // --- the critical section under concurrency --------------------------------------------------------

    @Test
    @Timeout(60)
    void concurrentDecidesGetDistinctContiguousSeqsAllInTheStore() throws Exception {
        int txs = 32;
        InMemoryDecisionStore durable = storeWith(2);
        CoordinatorService service = start(durable);
        up(service, A, B, C);
        ExecutorService pool = pool(2 * txs);
        CountDownLatch startGate = new CountDownLatch(1);

        // Every transaction is decided twice at once, as a proposer's retry racing its first attempt.
        Map<Integer, List<Future<Long>>> attempts = new HashMap<>();
        for (int i = 0; i < txs; i++) {
            DecideRequest req = request("t-" + i, i % 2 == 0 ? A : B, Set.of(A, B, C), Write.put("k" + (i % 5), "v" + i));
            for (int attempt = 0; attempt < 2; attempt++) {
                attempts.computeIfAbsent(i, k -> new ArrayList<>()).add(pool.submit(() -> {
                    startGate.await();
                    return service.decide(req);
                }));
            }
        }
        startGate.countDown();

        Map<TxId, Long> seqOfTx = new HashMap<>();
        for (var e : attempts.entrySet()) {
            long first = e.getValue().get(0).get(30, TimeUnit.SECONDS);
            long second = e.getValue().get(1).get(30, TimeUnit.SECONDS);
            assertThat(second).as("both attempts of t-%d", e.getKey()).isEqualTo(first);
            seqOfTx.put(new TxId("t-" + e.getKey()), first);
        }

        assertThat(seqOfTx.values()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(3, 2 + txs).boxed().toList());
        List<Decision> logged = durable.decisionsAfter(2, 1000);
        assertThat(logged).hasSize(txs);
        for (Decision d : logged) assertThat(seqOfTx).containsEntry(d.txId(), d.seq());
        assertThat(service.status().lastSeq()).isEqualTo(2 + txs);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private CoordinatorService start(DecisionStore durable) {
        return start(durable, DURABLE_WAIT, MAX_JOIN_GAP);
    }

    /** A service granting read leases of {@code leaseNanos}; its sleeper records each wait and advances the fake clock. */
    private CoordinatorService startWithLeases(DecisionStore durable, long leaseNanos) {
        MirroredDecisionStore store = new MirroredDecisionStore(durable);
        GroupCommitter committer = new GroupCommitter(store, 64);
        committers.add(committer);
        CoordinatorService.Sleeper sleeper = until -> {
            sleeps.add(until);
            nanos.accumulateAndGet(until, Math::max);
        };
        return new CoordinatorService(store, committer, new Membership(1, EXPIRY), nanos::get, DURABLE_WAIT, MAX_JOIN_GAP,
                new LeaseTable(leaseNanos, nanos.get()), sleeper);
    }

    private CoordinatorService start(DecisionStore durable, Duration durableWait, int maxJoinGap) {
        MirroredDecisionStore store = new MirroredDecisionStore(durable);
        GroupCommitter committer = new GroupCommitter(store, 64);
        committers.add(committer);
        return new CoordinatorService(store, committer, new Membership(1, EXPIRY), nanos::get, durableWait, maxJoinGap);
    }

    /** Makes each replica UP at once: a fresh coordinator takes a caught-up replica reporting UP as UP. */
    private static void up(CoordinatorService service, ReplicaId... replicas) {
        long lastSeq = service.status().lastSeq();
        for (ReplicaId r : replicas) {
            HeartbeatReply reply = service.heartbeat(new Heartbeat(r, r.port(), ReplicaState.UP, lastSeq));
            assertThat(reply.state()).as("state of %s", r).isEqualTo(ReplicaState.UP);
        }
    }

    private GatedStore gatedStore() {
        GatedStore store = new GatedStore();
        gatedStores.add(store);
        return store;
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    /** A store holding decisions 1..count, each writing its own key. */
    private static InMemoryDecisionStore storeWith(int count) {
        InMemoryDecisionStore store = new InMemoryDecisionStore();
        for (int seq = 1; seq <= count; seq++) store.append(List.of(decision(seq, "old-" + seq, Write.put("old" + seq, "v"))));
        return store;
    }

    private static Decision decision(long seq, String tx, Write... writes) {
        return new Decision(seq, new TxId(tx), List.of(writes));
    }

    private static DecideRequest request(String tx, ReplicaId proposer, Set<ReplicaId> participants, Write... writes) {
        return request(tx, proposer, participants, Set.of(), writes);
    }

    private static DecideRequest request(
            String tx, ReplicaId proposer, Set<ReplicaId> participants, Set<ReplicaId> suspects, Write... writes) {
        return new DecideRequest(new TxId(tx), proposer, participants, suspects, List.of(writes));
    }

    /** Parks every append until {@link #gate} opens, as a slow disk would; {@link #entered} says one began. */
    static final class GatedStore extends InMemoryDecisionStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public void append(List<Decision> batch) {
            entered.countDown();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) throw new StorageFailure("the test never opened the gate");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageFailure("interrupted at the gate", e);
            }
            super.append(batch); // outside this store's monitor while parked, so reads go on
        }
    }
}
