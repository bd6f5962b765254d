package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaStatus;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Concurrent reads of one replica share a call, and each still gets what its own get would answer. */
@Timeout(30)
class SharedReadsTest {
    private final ScriptedReplica replica = new ScriptedReplica();
    private final SharedReads reads = new SharedReads(replica);
    private final List<Thread> readers = new ArrayList<>();

    @AfterEach
    void releaseEveryCall() {
        replica.release.countDown();
    }

    @Test
    void aLoneReadIsOneGetOnTheCallersOwnThread() throws Exception {
        replica.release.countDown();
        replica.values.put("k", "v");

        assertThat(reads.get("k")).isEqualTo("v");
        assertThat(reads.get("absent")).isNull();

        assertThat(replica.calls).containsExactly("get k on " + Thread.currentThread().getName(),
                "get absent on " + Thread.currentThread().getName());
    }

    @Test
    void readsThatArriveWhileACallIsUnderWayShareTheNextCallInTheOrderTheyCame() throws Exception {
        replica.values.putAll(Map.of("first", "1", "b", "2", "c", "3", "d", "4"));
        CompletableFuture<String> first = read("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.calls.size() == 1); // held in its call
        CompletableFuture<String> b = readOnceQueued("b");
        CompletableFuture<String> c = readOnceQueued("c");
        CompletableFuture<String> d = readOnceQueued("d");

        replica.release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("1");
        assertThat(List.of(b.get(5, TimeUnit.SECONDS), c.get(5, TimeUnit.SECONDS), d.get(5, TimeUnit.SECONDS)))
                .containsExactly("2", "3", "4");
        assertThat(replica.calls).hasSize(2);
        assertThat(replica.calls.get(1)).startsWith("getMany [b, c, d] on reader-b"); // the first to queue made the call
    }

    @Test
    void aHeldKeyIsReadAgainAloneWithGetAndTheOthersKeepTheirAnswers() throws Exception {
        replica.values.putAll(Map.of("first", "1", "held", "after the commit", "free", "2"));
        replica.heldInGetMany.add("held");
        CompletableFuture<String> first = read("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.calls.size() == 1);
        CompletableFuture<String> held = readOnceQueued("held");
        CompletableFuture<String> free = readOnceQueued("free");

        replica.release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("1");
        assertThat(held.get(5, TimeUnit.SECONDS)).isEqualTo("after the commit");
        assertThat(free.get(5, TimeUnit.SECONDS)).isEqualTo("2");
        assertThat(replica.calls).hasSize(3);
        assertThat(replica.calls.get(2)).isEqualTo("get held on reader-held");
    }

    @Test
    void aCallRefusedForOneBadKeyIsAskedAgainKeyByKeySoOnlyThatReaderIsRefused() throws Exception {
        replica.values.putAll(Map.of("first", "1", "good", "2"));
        CompletableFuture<String> first = read("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.calls.size() == 1);
        CompletableFuture<String> bad = readOnceQueued("bad key");
        CompletableFuture<String> good = readOnceQueued("good");

        replica.release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("1");
        assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("2");
        assertThat(bad).failsWithin(Duration.ofSeconds(5))
                .withThrowableThat().havingRootCause().isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aCallThatFailsFailsEveryReaderInItAndTheNextReadMakesANewCall() throws Exception {
        replica.values.putAll(Map.of("first", "1", "later", "2"));
        replica.failGetMany = true;
        CompletableFuture<String> first = read("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> replica.calls.size() == 1);
        CompletableFuture<String> b = readOnceQueued("b");
        CompletableFuture<String> c = readOnceQueued("c");

        replica.release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("1");
        for (CompletableFuture<String> failed : List.of(b, c)) {
            assertThat(failed).failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat().havingRootCause().isInstanceOf(RemoteException.class);
        }
        assertThat(reads.get("later")).isEqualTo("2");
    }

    /** Reads {@code key} on a thread of its own named after it. */
    private CompletableFuture<String> read(String key) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                answer.complete(reads.get(key));
            } catch (Exception e) {
                answer.completeExceptionally(e);
            }
        }, "reader-" + key);
        readers.add(reader);
        reader.start();
        return answer;
    }

    /** Reads {@code key} and returns once its thread waits in the queue. */
    private CompletableFuture<String> readOnceQueued(String key) {
        CompletableFuture<String> answer = read(key);
        Thread reader = readers.get(readers.size() - 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.getState() == Thread.State.WAITING);
        return answer;
    }

    /** A replica that records its calls, holds each until released, and answers from a map. */
    private static final class ScriptedReplica implements KVStore {
        final Map<String, String> values = new ConcurrentHashMap<>();
        final List<String> heldInGetMany = new CopyOnWriteArrayList<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean failGetMany;

        @Override
        public String get(String key) throws KVException {
            calls.add("get " + key + " on " + Thread.currentThread().getName());
            awaitRelease();
            if (key.contains(" ")) throw new InvalidRequestException("a key without spaces, please");
            return values.get(key);
        }

        @Override
        public String[] getMany(String[] keys) throws RemoteException, KVException {
            calls.add("getMany " + List.of(keys) + " on " + Thread.currentThread().getName());
            awaitRelease();
            if (failGetMany) throw new RemoteException("connection reset");
            String[] answers = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                if (keys[i].contains(" ")) throw new InvalidRequestException("a key without spaces, please");
                answers[i] = heldInGetMany.contains(keys[i]) ? KVStore.HELD : values.get(keys[i]);
            }
            return answers;
        }

        @Override
        public void put(String key, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReplicaStatus status() {
            throw new UnsupportedOperationException();
        }

        private void awaitRelease() {
            try {
                if (!release.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
