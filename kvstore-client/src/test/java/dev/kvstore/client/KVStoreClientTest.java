package dev.kvstore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.ReplicaUnavailableException.Why;
import java.rmi.UnmarshalException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's retry and fail-over rules, against in-memory replicas (no RMI). */
@Timeout(10)
class KVStoreClientTest {
    private static final long SEED = 7;
    private static final ReplicaId R1 = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId R2 = new ReplicaId("127.0.0.1", 2222);

    private final FakeKVStore first = new FakeKVStore(R1);
    private final FakeKVStore second = new FakeKVStore(R2);
    private final FakeConnector connector = new FakeConnector().add(R1, first).add(R2, second);
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private KVStoreClient client;

    private KVStoreClient client(List<ReplicaId> replicas, RetryPolicy retry, Duration timeout) {
        return client(new ClientConfig(replicas, timeout, retry));
    }

    private KVStoreClient client(ClientConfig config) {
        client = new KVStoreClient(config, connector, sleeper, new Random(SEED));
        return client;
    }

    private KVStoreClient client(ReplicaId... replicas) {
        return client(List.of(replicas), RetryPolicy.DEFAULT, Duration.ofSeconds(1));
    }

    private static TransactionAbortedException locked(String key) {
        return new TransactionAbortedException("tx-1", "key '" + key + "' is locked by another transaction");
    }

    @AfterEach
    void close() {
        if (client != null) client.close();
    }

    @Test
    void getReturnsTheValueOrEmptyWhenAbsent() throws Exception {
        first.store().put("k", "v");

        assertThat(client(R1).get("k")).contains("v");
        assertThat(client.get("absent")).isEmpty();
    }

    @Test
    void putAndDeleteChangeTheStore() throws Exception {
        client(R1).put("k", "v");

        assertThat(first.store()).containsEntry("k", "v");
        assertThat(client.delete("k")).isTrue();
        assertThat(client.delete("k")).isFalse();
    }

    @Test
    void anAbortedWriteIsRetriedAfterGrowingBackoffsUntilItCommits() throws Exception {
        first.failNext(locked("x"), locked("x"));

        client(R1).put("x", "1");

        assertThat(first.store()).containsEntry("x", "1");
        assertThat(first.calls()).isEqualTo(3);
        RetryPolicy policy = RetryPolicy.DEFAULT;
        Random expected = new Random(SEED);
        assertThat(sleeper.delays()).containsExactly(policy.backoff(1, expected), policy.backoff(2, expected));
    }

    @Test
    void anAbortedWriteGivesUpAfterMaxRetriesAndSaysHowOftenItRetried() {
        first.failNext(locked("x"), locked("x"), locked("x"), locked("x"));

        assertThatThrownBy(() -> client(R1).put("x", "1"))
                .isInstanceOfSatisfying(AbortedException.class, e -> assertThat(e.retries()).isEqualTo(3))
                .hasMessage("key 'x' is locked by another transaction, retried 3 times");
        assertThat(first.calls()).isEqualTo(4);
        assertThat(first.store()).doesNotContainKey("x");
    }

    @Test
    void withRetriesOffAnAbortIsReportedAtOnce() {
        first.failNext(locked("x"));

        assertThatThrownBy(() -> client(List.of(R1), RetryPolicy.NONE, Duration.ofSeconds(1)).delete("x"))
                .isInstanceOf(AbortedException.class)
                .hasMessageEndingWith("not retried");
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void aReplicaThatIsNotUpFailsOverToTheNextAndTheClientStaysThere() throws Exception {
        first.state(ReplicaState.CATCHING_UP);
        second.store().put("k", "from 2222");

        assertThat(client(R1, R2).get("k")).contains("from 2222");
        assertThat(client.replica()).isEqualTo(R2);
        int callsOnFirst = first.calls();
        assertThat(client.get("k")).contains("from 2222");
        assertThat(first.calls()).as("the next request goes straight to 2222").isEqualTo(callsOnFirst);
    }

    @Test
    void anUnreachableReplicaFailsOverForWritesToo() throws Exception {
        connector.down(R1);

        client(R1, R2).put("k", "v");

        assertThat(second.store()).containsEntry("k", "v");
    }

    @Test
    void withoutAFailoverListAnUnavailableReplicaIsReportedWithItsReason() {
        first.state(ReplicaState.CATCHING_UP);

        assertThatThrownBy(() -> client(R1).get("k"))
                .isInstanceOfSatisfying(ReplicaUnavailableException.class, e -> {
                    assertThat(e.why()).isEqualTo(Why.NOT_SERVING);
                    assertThat(e.outcomeUnknown()).isFalse();
                })
                .hasMessage("replica 1111 is catching up");
    }

    @Test
    void aWriteWithAnUnknownOutcomeIsNeitherRetriedNorFailedOver() {
        first.failNext(new UnavailableException("coordinator unreachable during decide", true));

        assertThatThrownBy(() -> client(R1, R2).put("k", "v"))
                .isInstanceOfSatisfying(ReplicaUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isTrue())
                .hasMessage("coordinator unreachable during decide (the outcome of the write is unknown)");
        assertThat(second.calls()).isZero();
        assertThat(sleeper.delays()).isEmpty();
    }

    @Test
    void aWriteWhoseConnectionBreaksMidCallHasAnUnknownOutcome() {
        first.failNext(new UnmarshalException("error unmarshaling return header", new java.io.EOFException()));

        assertThatThrownBy(() -> client(R1, R2).put("k", "v"))
                .isInstanceOfSatisfying(ReplicaUnavailableException.class, e -> {
                    assertThat(e.why()).isEqualTo(Why.CONNECTION_LOST);
                    assertThat(e.outcomeUnknown()).isTrue();
                })
                .hasMessage("lost connection to replica 127.0.0.1:1111 (connection closed by the replica)"
                        + " (the outcome of the write is unknown)");
        assertThat(second.calls()).isZero();
    }

    @Test
    void aReadWhoseConnectionBreaksFailsOver() throws Exception {
        first.failNext(new UnmarshalException("error unmarshaling return header", new java.io.EOFException()));
        second.store().put("k", "v");

        assertThat(client(R1, R2).get("k")).contains("v");
    }

    @Test
    void aLostConnectionMakesTheNextRequestLookTheReplicaUpAgain() throws Exception {
        first.store().put("k", "v");
        client(R1).get("k");
        connector.down(R1);
        assertThatThrownBy(() -> client.get("k")).hasMessageContaining("lost connection to replica 127.0.0.1:1111 (connection refused)");
        connector.up(R1);
        int lookups = connector.lookups();

        assertThat(client.get("k")).contains("v");
        assertThat(connector.lookups()).isEqualTo(lookups + 1);
    }

    @Test
    void whenEveryReplicaIsDownTheErrorNamesEachOne() {
        connector.down(R1);
        connector.down(R2);

        assertThatThrownBy(() -> client(R1, R2).get("k"))
                .isInstanceOf(ReplicaUnavailableException.class)
                .hasMessage("no replica could serve it: cannot reach replica 127.0.0.1:1111 (connection refused);"
                        + " cannot reach replica 127.0.0.1:2222 (connection refused)");
    }

    @Test
    void anInvalidRequestIsRejectedWithoutRetryOrFailover() {
        first.failNext(new InvalidRequestException("value is over the 1 MiB limit"));

        assertThatThrownBy(() -> client(R1, R2).put("k", "v"))
                .isInstanceOf(RequestRejectedException.class)
                .hasMessage("value is over the 1 MiB limit");
        assertThat(second.calls()).isZero();
    }

    @Test
    void aWriteThatHangsEndsAtTheWriteDeadlineWithAnUnknownOutcome() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        first.hook((operation, key) -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            ClientConfig config = new ClientConfig(List.of(R1), Duration.ofMillis(100), Duration.ofMillis(200), RetryPolicy.DEFAULT);
            assertThatThrownBy(() -> client(config).put("k", "v"))
                    .isInstanceOfSatisfying(ReplicaUnavailableException.class, e -> {
                        assertThat(e.why()).isEqualTo(Why.TIMED_OUT);
                        assertThat(e.outcomeUnknown()).isTrue();
                    })
                    .hasMessageStartingWith("replica 127.0.0.1:1111 did not answer within 200 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aReadThatHangsEndsAtTheShorterCallDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        first.hook((operation, key) -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            ClientConfig config = new ClientConfig(List.of(R1), Duration.ofMillis(100), Duration.ofSeconds(30), RetryPolicy.DEFAULT);
            assertThatThrownBy(() -> client(config).get("k"))
                    .isInstanceOfSatisfying(ReplicaUnavailableException.class, e -> assertThat(e.outcomeUnknown()).isFalse())
                    .hasMessageStartingWith("replica 127.0.0.1:1111 did not answer within 100 ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void statusAsksTheCurrentReplicaEvenWhenItIsNotUp() throws Exception {
        first.state(ReplicaState.CATCHING_UP);

        assertThat(client(R1, R2).status().state()).isEqualTo(ReplicaState.CATCHING_UP);
        assertThat(client.replica()).isEqualTo(R1);
    }

    @Test
    void connectReportsAnUnreachableReplicaWithoutSendingAnything() {
        connector.down(R1);

        assertThatThrownBy(() -> client(R1).connect())
                .isInstanceOfSatisfying(ReplicaUnavailableException.class, e -> assertThat(e.why()).isEqualTo(Why.UNREACHABLE))
                .hasMessage("cannot reach replica 127.0.0.1:1111 (connection refused)");
        assertThat(Optional.of(first.calls())).contains(0);
    }
}
