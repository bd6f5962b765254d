package dev.kvstore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.txn.RequestLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression tests for the violation the fault suite found (docs/verification.md): replica B
 * answered a GET with the value a prepared transaction was replacing while replica A, having
 * applied the commit, had already answered the new value. Two reads, a few milliseconds apart,
 * went back in time. Each test replays one of the three interleavings the suite reported, on
 * replica B's node, stepped by hand.
 */
class ReadOfPreparedKeyTest {
    private static final ReplicaId PROPOSER = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId B = new ReplicaId("127.0.0.1", 2222);
    private static final TxId OLD_WRITE = new TxId("1111-1-1");
    private static final TxId DELETE = new TxId("1111-1-2");

    private final FakeClock clock = new FakeClock();
    private final ReplicaNode b = new ReplicaNode(B, RequestLimits.DEFAULT, clock, Duration.ofSeconds(2));

    private void holdsOldValueWithDeletePrepared() {
        b.applyDecision(new Decision(1, OLD_WRITE, List.of(Write.put("k1", "c2-730"))));
        assertThat(b.prepare(new Prepare(DELETE, PROPOSER, 1, List.of(Write.delete("k1"))))).isEqualTo(dev.kvstore.api.protocol.Vote.yes());
    }

    @Test
    void commitSkewAReadOfAPreparedKeyNeverAnswersTheValueBeingReplaced() {
        // Soak run, no fault: the proposer applied the delete and answered "absent"; B had not
        // yet received its commit.
        holdsOldValueWithDeletePrepared();

        assertThatThrownBy(() -> b.read("k1", 0))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("key 'k1' is held by a transaction");

        b.commit(DELETE, 2);
        assertThat(catchingRead("k1")).isNull();
    }

    @Test
    void proposerKilledAfterDecideTheKeyStaysUnreadableUntilInDoubtResolution() {
        // Long run: the proposer was SIGKILLed after decide; B stayed in doubt until it asked
        // the coordinator, about 2 s later. Meanwhile its reads must not answer the old value.
        holdsOldValueWithDeletePrepared();
        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> b.read("k1", 0)).isInstanceOf(UnavailableException.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(b.inDoubt()).containsExactly(DELETE);
        b.applyDecision(new Decision(2, DELETE, List.of(Write.delete("k1")))); // the coordinator's answer
        assertThat(catchingRead("k1")).isNull();
    }

    @Test
    void coordinatorDiedAfterLoggingTheDecisionAnAbortedOutcomeLetsTheOldValueBeReadAgain() {
        // ci run: the decide's answer was lost and the coordinator died; B held the prepared
        // delete. Had the coordinator answered ABORT instead, the old value is right again.
        holdsOldValueWithDeletePrepared();
        assertThatThrownBy(() -> b.read("k1", 0)).isInstanceOf(UnavailableException.class);

        b.abort(DELETE);
        assertThat(catchingRead("k1")).isEqualTo("c2-730");
    }

    @Test
    void anUnlockedKeyIsReadWithoutWaiting() {
        b.applyDecision(new Decision(1, OLD_WRITE, List.of(Write.put("k1", "v"))));
        holdsOtherKeyPrepared();

        assertThat(catchingRead("k1")).isEqualTo("v");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aWaitingReadAnswersAsSoonAsTheCommitIsApplied() throws Exception {
        ReplicaNode real = new ReplicaNode(B, RequestLimits.DEFAULT, System::nanoTime, Duration.ofSeconds(2));
        real.applyDecision(new Decision(1, OLD_WRITE, List.of(Write.put("k1", "c2-730"))));
        real.prepare(new Prepare(DELETE, PROPOSER, 1, List.of(Write.delete("k1"))));

        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return real.read("k1", Duration.ofSeconds(5).toNanos());
            } catch (UnavailableException e) {
                throw new IllegalStateException(e);
            }
        });
        real.commit(DELETE, 2);

        assertThat(read.get(5, TimeUnit.SECONDS)).isNull();
    }

    private void holdsOtherKeyPrepared() {
        b.prepare(new Prepare(DELETE, PROPOSER, 1, List.of(Write.delete("other"))));
    }

    private String catchingRead(String key) {
        try {
            return b.read(key, 0);
        } catch (UnavailableException e) {
            throw new AssertionError("the key should be readable now", e);
        }
    }
}
