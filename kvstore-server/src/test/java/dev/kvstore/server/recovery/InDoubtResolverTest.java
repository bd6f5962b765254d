package dev.kvstore.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.CoordinatorClient;
import dev.kvstore.server.FakeClock;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.txn.RequestLimits;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InDoubtResolverTest {
    private static final ReplicaId SELF = new ReplicaId("localhost", 1111);
    private static final ReplicaId PROPOSER = new ReplicaId("localhost", 2222);
    private static final Duration IN_DOUBT = Duration.ofSeconds(5);
    private static final TxId T1 = new TxId("t1");
    private static final List<Write> WRITES = List.of(Write.put("a", "1"));

    private final FakeClock clock = new FakeClock();
    private final ReplicaNode node = new ReplicaNode(SELF, RequestLimits.DEFAULT, clock, IN_DOUBT);
    private final CoordinatorClient coordinator = mock(CoordinatorClient.class);
    private final InDoubtResolver resolver = new InDoubtResolver(node, coordinator);

    @BeforeEach
    void prepareT1() {
        assertThat(node.prepare(new Prepare(T1, PROPOSER, 1, WRITES)).commit()).isTrue();
    }

    private boolean keyALocked() {
        TxId probe = new TxId("probe-" + System.identityHashCode(new Object()));
        boolean locked = !node.prepare(new Prepare(probe, PROPOSER, 1, List.of(Write.delete("a")))).commit(); // a delete takes its key alone
        if (!locked) node.abort(probe);
        return locked;
    }

    @Test
    void nothingIsAskedBeforeTheTimeout() throws Exception {
        clock.advance(IN_DOUBT.minusMillis(1));

        assertThat(resolver.resolveDue()).isZero();

        verifyNoInteractions(coordinator);
        assertThat(keyALocked()).isTrue();
    }

    @Test
    void committedOutcomeAppliesTheDecisionAndReleasesTheLocks() throws Exception {
        when(coordinator.outcome(T1)).thenReturn(Outcome.committed(new Decision(1, T1, WRITES)));
        clock.advance(IN_DOUBT);

        assertThat(resolver.resolveDue()).isEqualTo(1);

        assertThat(node.storedValue("a")).isEqualTo("1");
        assertThat(node.watermark()).isEqualTo(1);
        assertThat(keyALocked()).isFalse();
        clock.advance(IN_DOUBT);
        assertThat(node.inDoubt()).as("no longer prepared").isEmpty();
    }

    @Test
    void abortedOutcomeReleasesTheLocksAndAppliesNothing() throws Exception {
        when(coordinator.outcome(T1)).thenReturn(Outcome.aborted());
        clock.advance(IN_DOUBT);

        assertThat(resolver.resolveDue()).isEqualTo(1);

        assertThat(node.storedValue("a")).isNull();
        assertThat(node.watermark()).isZero();
        assertThat(keyALocked()).isFalse();
        assertThat(node.prepare(new Prepare(T1, PROPOSER, 1, WRITES)).commit())
                .as("a late prepare of the aborted tx")
                .isFalse();
    }

    @Test
    void remoteFailureLeavesTheTransactionPreparedToBeAskedAgainLater() throws Exception {
        when(coordinator.outcome(T1)).thenThrow(new RemoteException("coordinator down")).thenReturn(Outcome.aborted());
        clock.advance(IN_DOUBT);

        assertThatThrownBy(resolver::resolveDue).isInstanceOf(RemoteException.class);

        assertThat(keyALocked()).as("still prepared, still locked").isTrue();
        clock.advance(IN_DOUBT.minusMillis(1));
        assertThat(resolver.resolveDue()).as("not asked again before another timeout").isZero();
        verify(coordinator, times(1)).outcome(T1);

        clock.advance(Duration.ofMillis(1));
        assertThat(resolver.resolveDue()).isEqualTo(1);
        verify(coordinator, times(2)).outcome(T1);
        assertThat(keyALocked()).isFalse();
    }
}
