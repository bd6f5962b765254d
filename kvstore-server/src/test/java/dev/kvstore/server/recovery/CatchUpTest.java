package dev.kvstore.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.CoordinatorClient;
import dev.kvstore.server.FakeClock;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.store.VersionedStore;
import dev.kvstore.server.txn.RequestLimits;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.Mockito;

class CatchUpTest {
    private static final ReplicaId SELF = new ReplicaId("localhost", 1111);
    private static final View JOINED = new View(7, List.of(new MemberStatus(SELF, ReplicaState.UP, 0, -1)));
    private static final JoinReply REFUSED = new JoinReply(false, List.of(), new View(6, List.of()));

    private final FakeClock clock = new FakeClock();
    private final ReplicaNode node = new ReplicaNode(SELF, RequestLimits.DEFAULT, clock, Duration.ofSeconds(5));
    // Real default methods: snapshotAhead runs the stubbed snapshot call when awaited.
    private final CoordinatorClient coordinator = mock(CoordinatorClient.class, Mockito.CALLS_REAL_METHODS);

    @BeforeEach
    void coordinatorReportsItsStore() throws Exception {
        when(coordinator.status()).thenReturn(new ClusterStatus(0, 25, "0000000000000000", View.EMPTY));
    }

    private static Decision put(long seq, String key, String value) {
        return new Decision(seq, new TxId("tx-" + seq), List.of(Write.put(key, value)));
    }

    private static Decision delete(long seq, String key) {
        return new Decision(seq, new TxId("tx-" + seq), List.of(Write.delete(key)));
    }

    private static DecisionBatch batch(long lastSeq, Decision... decisions) {
        return new DecisionBatch(List.of(decisions), lastSeq);
    }

    private static JoinReply accepted(Decision... missing) {
        return new JoinReply(true, List.of(missing), JOINED);
    }

    /** The committed store: every decision applied in seq order. */
    private static VersionedStore committed(List<Decision> decisions) {
        VersionedStore store = new VersionedStore();
        for (Decision d : decisions) {
            for (Write w : d.writes()) store.apply(w.key(), w.value(), d.seq());
        }
        return store;
    }

    private void assertHoldsTheCommittedStore(List<Decision> history) {
        VersionedStore expected = committed(history);
        ReplicaStatus status = node.status();
        assertThat(status.digest()).isEqualTo(expected.digest());
        assertThat(status.keyCount()).isEqualTo(expected.keyCount());
        expected.forEach(e -> assertThat(node.storedValue(e.key())).as("key %s", e.key()).isEqualTo(e.value()));
    }

    @Test
    void loadsTheSnapshotPageByPageThenDecisionsThenJoinsUp() throws Exception {
        // 25 keys committed at seqs 1..25, served in pages of 10.
        List<Decision> history = new ArrayList<>();
        List<SnapshotEntry> snapshot = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String key = String.format("k%02d", i);
            history.add(put(i + 1, key, "v" + i));
            snapshot.add(new SnapshotEntry(key, "v" + i, i + 1));
        }
        when(coordinator.snapshot(isNull(), eq(10))).thenReturn(new SnapshotChunk(snapshot.subList(0, 10), 25, false));
        when(coordinator.snapshot("k09", 10)).thenReturn(new SnapshotChunk(snapshot.subList(10, 20), 25, false));
        when(coordinator.snapshot("k19", 10)).thenReturn(new SnapshotChunk(snapshot.subList(20, 25), 25, true));
        // Then 13 decisions after the snapshot (a full page and a short one), and 2 more handed over by join.
        List<Decision> after = new ArrayList<>();
        for (int seq = 26; seq <= 40; seq++) after.add(put(seq, "n" + seq, "d" + seq));
        history.addAll(after);
        when(coordinator.decisionsAfter(25, 10)).thenReturn(new DecisionBatch(after.subList(0, 10), 38));
        when(coordinator.decisionsAfter(35, 10)).thenReturn(new DecisionBatch(after.subList(10, 13), 38));
        when(coordinator.join(SELF, 38)).thenReturn(accepted(after.get(13), after.get(14)));

        new CatchUp(node, coordinator, 10, clock).run();

        InOrder order = inOrder(coordinator);
        order.verify(coordinator).snapshot(null, 10);
        order.verify(coordinator).snapshot("k09", 10);
        order.verify(coordinator).snapshot("k19", 10);
        order.verify(coordinator).decisionsAfter(25, 10);
        order.verify(coordinator).decisionsAfter(35, 10);
        order.verify(coordinator).join(SELF, 38);
        verify(coordinator, times(3)).snapshot(any(), anyInt());
        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertThat(node.watermark()).isEqualTo(40);
        assertThat(node.current().epoch()).isEqualTo(7);
        assertThat(node.status().keyCount()).isEqualTo(40);
        assertHoldsTheCommittedStore(history);
    }

    @Test
    void fuzzySnapshotPlusReplayedDecisionsGivesTheCommittedStore() throws Exception {
        List<Decision> history = List.of(
                put(1, "a", "1"),
                put(2, "b", "1"),
                put(3, "x", "1"),
                put(4, "y", "1"),
                put(5, "a", "2"),
                // page 1 (a, b) is read here, at durableSeq 5
                put(6, "b", "3"),
                put(7, "y", "9"),
                // page 2 (x, y) is read here, at durableSeq 7: y@7 is newer than page 1's seq
                delete(8, "x"));
        when(coordinator.snapshot(null, 2)).thenReturn(new SnapshotChunk(
                List.of(new SnapshotEntry("a", "2", 5), new SnapshotEntry("b", "1", 2)), 5, false));
        when(coordinator.snapshot("b", 2)).thenReturn(new SnapshotChunk(
                List.of(new SnapshotEntry("x", "1", 3), new SnapshotEntry("y", "9", 7)), 7, true));
        when(coordinator.decisionsAfter(5, 2)).thenReturn(batch(7, history.get(5), history.get(6)));
        when(coordinator.decisionsAfter(7, 2)).thenReturn(batch(7));
        when(coordinator.join(SELF, 7)).thenReturn(accepted(history.get(7)));

        new CatchUp(node, coordinator, 2, clock).run();

        verify(coordinator).decisionsAfter(5, 2);
        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertThat(node.watermark()).isEqualTo(8);
        assertThat(node.storedValue("b")).isEqualTo("3");
        assertThat(node.storedValue("y")).isEqualTo("9");
        assertThat(node.storedValue("x")).isNull();
        assertHoldsTheCommittedStore(history);
    }

    @Test
    void refusedJoinPullsDecisionsAgainAndJoinsAgain() throws Exception {
        when(coordinator.snapshot(null, 10)).thenReturn(new SnapshotChunk(List.of(), 0, true));
        when(coordinator.decisionsAfter(0, 10)).thenReturn(batch(2, put(1, "a", "1"), put(2, "b", "2")));
        when(coordinator.join(SELF, 2)).thenAnswer(inv -> {
            assertThat(node.state()).as("not serving while behind").isEqualTo(ReplicaState.CATCHING_UP);
            return REFUSED;
        });
        when(coordinator.decisionsAfter(2, 10)).thenReturn(batch(3, put(3, "a", "3")));
        when(coordinator.join(SELF, 3)).thenReturn(accepted());

        new CatchUp(node, coordinator, 10, clock).run();

        InOrder order = inOrder(coordinator);
        order.verify(coordinator).decisionsAfter(0, 10);
        order.verify(coordinator).join(SELF, 2);
        order.verify(coordinator).decisionsAfter(2, 10);
        order.verify(coordinator).join(SELF, 3);
        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertThat(node.watermark()).isEqualTo(3);
        assertThat(node.storedValue("a")).isEqualTo("3");
    }

    @Test
    void tombstoneInTheSnapshotHidesTheKey() throws Exception {
        when(coordinator.snapshot(null, 10)).thenReturn(new SnapshotChunk(
                List.of(new SnapshotEntry("a", "1", 1), new SnapshotEntry("gone", null, 2)), 2, true));
        when(coordinator.decisionsAfter(2, 10)).thenReturn(batch(2));
        when(coordinator.join(SELF, 2)).thenReturn(accepted());

        new CatchUp(node, coordinator, 10, clock).run();

        assertThat(node.storedValue("gone")).isNull();
        assertThat(node.isPresent("gone")).isFalse();
        assertThat(node.status().keyCount()).isEqualTo(1);
        assertHoldsTheCommittedStore(List.of(put(1, "a", "1"), delete(2, "gone")));
    }

    @Test
    void tombstoneInALaterPageIsNotResurrectedByAnOlderReplayedPut() throws Exception {
        List<Decision> history = List.of(put(1, "a", "1"), put(2, "gone", "v"), delete(3, "gone"));
        when(coordinator.snapshot(null, 1)).thenReturn(new SnapshotChunk(List.of(new SnapshotEntry("a", "1", 1)), 1, false));
        when(coordinator.snapshot("a", 1)).thenReturn(new SnapshotChunk(List.of(new SnapshotEntry("gone", null, 3)), 3, true));
        when(coordinator.decisionsAfter(1, 1)).thenReturn(batch(3, history.get(1)));
        when(coordinator.decisionsAfter(2, 1)).thenReturn(batch(3, history.get(2)));
        when(coordinator.decisionsAfter(3, 1)).thenReturn(batch(3));
        when(coordinator.join(SELF, 3)).thenReturn(accepted());

        new CatchUp(node, coordinator, 1, clock).run();

        assertThat(node.storedValue("gone")).isNull();
        assertThat(node.watermark()).isEqualTo(3);
        assertHoldsTheCommittedStore(history);
    }

    @Test
    void catchingUpAgainAfterBeingDemotedPullsOnlyTheDecisions() throws Exception {
        when(coordinator.snapshot(null, 10)).thenReturn(new SnapshotChunk(List.of(new SnapshotEntry("a", "1", 1)), 1, true));
        when(coordinator.decisionsAfter(1, 10)).thenReturn(batch(1));
        when(coordinator.join(SELF, 1)).thenReturn(accepted());
        new CatchUp(node, coordinator, 10, clock).run();
        when(coordinator.decisionsAfter(1, 10)).thenReturn(batch(2, put(2, "a", "2")));
        when(coordinator.join(SELF, 2)).thenReturn(accepted());

        new CatchUp(node, coordinator, 10, clock).run();

        verify(coordinator, times(1)).snapshot(any(), anyInt());
        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertThat(node.storedValue("a")).isEqualTo("2");
        assertThat(node.watermark()).isEqualTo(2);
    }

    @Test
    void acceptedJoinGrantsTheFirstReadLeaseCountedFromWhenTheJoinWasSent() throws Exception {
        when(coordinator.snapshot(null, 10)).thenReturn(new SnapshotChunk(List.of(), 0, true));
        when(coordinator.decisionsAfter(0, 10)).thenReturn(batch(0));
        when(coordinator.join(SELF, 0)).thenAnswer(inv -> {
            clock.advance(Duration.ofMillis(300)); // the call takes a while
            return new JoinReply(true, List.of(), JOINED, 1000);
        });

        new CatchUp(node, coordinator, 10, clock).run();

        assertThat(node.holdsLease()).isTrue();
        clock.advance(Duration.ofMillis(599)); // 1000 ms less a tenth, from when join was sent
        assertThat(node.holdsLease()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(node.holdsLease()).isFalse();
    }

    @Test
    void failedCallLeavesTheReplicaNotServing() throws Exception {
        when(coordinator.snapshot(null, 10)).thenReturn(new SnapshotChunk(List.of(new SnapshotEntry("a", "1", 1)), 1, true));
        when(coordinator.decisionsAfter(anyLong(), anyInt())).thenThrow(new RemoteException("connection refused"));

        assertThatThrownBy(() -> new CatchUp(node, coordinator, 10, clock).run()).isInstanceOf(RemoteException.class);

        assertThat(node.state()).isEqualTo(ReplicaState.CATCHING_UP);
        verify(coordinator, never()).join(any(), anyLong());
    }

    @Test
    void asksForTheNextPageBeforeApplyingTheOneInHand() throws Exception {
        when(coordinator.snapshot(null, 2)).thenReturn(new SnapshotChunk(
                List.of(new SnapshotEntry("a", "1", 1), new SnapshotEntry("b", "2", 2)), 4, false));
        when(coordinator.snapshot("b", 2)).thenReturn(new SnapshotChunk(
                List.of(new SnapshotEntry("c", "3", 3), new SnapshotEntry("d", "4", 4)), 4, true));
        when(coordinator.decisionsAfter(4, 2)).thenReturn(batch(4));
        when(coordinator.join(SELF, 4)).thenReturn(accepted());
        List<String> events = new ArrayList<>();
        when(coordinator.snapshotAhead(any(), anyInt())).thenAnswer(call -> {
            String after = call.getArgument(0);
            int max = call.getArgument(1);
            events.add("ask after " + after + " holding " + node.status().keyCount() + " keys");
            return (CoordinatorClient.Pending<SnapshotChunk>) () -> coordinator.snapshot(after, max);
        });

        new CatchUp(node, coordinator, 2, clock).run();

        // The page after "b" is asked for while the first page is not applied yet: the two overlap.
        assertThat(events).containsExactly("ask after null holding 0 keys", "ask after b holding 0 keys");
        assertThat(node.status().keyCount()).isEqualTo(4);
        assertThat(node.state()).isEqualTo(ReplicaState.UP);
    }

    @Test
    void aFailedRunResumesTheSnapshotAfterTheLastPageApplied() throws Exception {
        List<Decision> history = List.of(put(1, "a", "1"), put(2, "b", "2"), put(3, "c", "3"), put(4, "d", "4"));
        when(coordinator.snapshot(null, 2)).thenReturn(new SnapshotChunk(
                List.of(new SnapshotEntry("a", "1", 1), new SnapshotEntry("b", "2", 2)), 2, false));
        when(coordinator.snapshot("b", 2))
                .thenThrow(new RemoteException("snapshot did not answer in time"))
                .thenReturn(new SnapshotChunk(List.of(new SnapshotEntry("c", "3", 3), new SnapshotEntry("d", "4", 4)), 4, true));
        when(coordinator.decisionsAfter(2, 2)).thenReturn(batch(4, history.get(2), history.get(3)));
        when(coordinator.decisionsAfter(4, 2)).thenReturn(batch(4));
        when(coordinator.join(SELF, 4)).thenReturn(accepted());
        CatchUp catchUp = new CatchUp(node, coordinator, 2, clock);

        assertThatThrownBy(catchUp::run).isInstanceOf(RemoteException.class);
        catchUp.run();

        verify(coordinator, times(1)).snapshot(null, 2); // the first page is not loaded again
        verify(coordinator, times(1)).status(); // the store was sized once, before the first page
        verify(coordinator, times(2)).snapshot("b", 2);
        // The first page's seq stays the snapshot's seq: every decision after it is replayed.
        verify(coordinator).decisionsAfter(2, 2);
        assertThat(node.state()).isEqualTo(ReplicaState.UP);
        assertHoldsTheCommittedStore(history);
    }

    @Test
    void pageSizeMustBePositive() {
        assertThatThrownBy(() -> new CatchUp(node, coordinator, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
