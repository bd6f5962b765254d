package dev.kvstore.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kvstore.api.protocol.Abort;
import dev.kvstore.api.protocol.Commit;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.server.txn.RequestLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A participant handles a proposer's batch in order, one answer per message. */
class PeerBatchDeliveryTest {
    private static final ReplicaId PROPOSER = new ReplicaId("127.0.0.1", 1111);
    private static final TxId FIRST = new TxId("1111-1-1");
    private static final TxId SECOND = new TxId("1111-1-2");

    private final FakeClock clock = new FakeClock();
    private final ReplicaNode node = new ReplicaNode(new ReplicaId("127.0.0.1", 2222), RequestLimits.DEFAULT, clock, Duration.ofSeconds(2));

    private static Prepare prepare(TxId tx, String key, String value) {
        return new Prepare(tx, PROPOSER, 1, List.of(Write.put(key, value)));
    }

    @Test
    void aCommitAheadOfAPrepareOfTheSameKeyReleasesTheKeyFirst() {
        node.deliver(List.of(prepare(FIRST, "k", "1")));

        List<Vote> answers = node.deliver(List.of(new Commit(FIRST, 1), prepare(SECOND, "k", "2")));

        assertThat(answers).containsExactly(Vote.yes(), Vote.yes());
        assertThat(node.storedValue("k")).isEqualTo("1");
        node.deliver(List.of(new Commit(SECOND, 2)));
        assertThat(node.storedValue("k")).isEqualTo("2");
    }

    private static Prepare prepareDelete(TxId tx, String key) {
        return new Prepare(tx, PROPOSER, 1, List.of(Write.delete(key)));
    }

    @Test
    void aDeleteAheadOfTheCommitThatWouldReleaseItsKeyVotesAbort() {
        node.deliver(List.of(prepare(FIRST, "k", "1")));

        List<Vote> answers = node.deliver(List.of(prepareDelete(SECOND, "k"), new Commit(FIRST, 1)));

        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).commit()).isFalse();
        assertThat(answers.get(0).reason()).contains("locked by another transaction");
        assertThat(answers.get(1)).isEqualTo(Vote.yes());
    }

    @Test
    void anAbortInABatchReleasesTheKeyAndATransactionAbortedThisWayCannotPrepareLater() {
        List<Vote> answers = node.deliver(List.of(prepare(FIRST, "k", "1"), new Abort(FIRST), prepare(SECOND, "k", "2")));

        assertThat(answers).containsExactly(Vote.yes(), Vote.yes(), Vote.yes());
        assertThat(node.deliver(List.of(prepare(FIRST, "other", "1"))).get(0).commit()).isFalse();
    }

    @Test
    @Timeout(10)
    void aCommitInABatchWakesAReadWaitingForTheKey() throws Exception {
        node.deliver(List.of(prepare(FIRST, "k", "1")));
        CompletableFuture<String> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(node.read("k", TimeUnit.SECONDS.toNanos(30)));
            } catch (Exception e) {
                read.completeExceptionally(e);
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);

        node.deliver(List.of(new Commit(FIRST, 1)));

        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo("1");
    }
}
