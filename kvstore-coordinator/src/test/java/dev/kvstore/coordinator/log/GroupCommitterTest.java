package dev.kvstore.coordinator.log;

import static dev.kvstore.coordinator.log.RocksDecisionStoreTest.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: one append (one fsync) for many concurrent decisions. Reference: DESIGN.md, "Write path" step 4. */
class GroupCommitterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private RocksDecisionStore rocks;
    private GatedStore store;

    @BeforeEach
    void openStore() {
        rocks = RocksDecisionStore.open(dir);
        store = new GatedStore(rocks);
    }

    @AfterEach
    void closeStore() {
        store.gate.countDown(); // never leave the writer thread parked
        rocks.close();
    }

    @Test
    void concurrentSubmissionsShareAppends() throws Exception {
        int submitters = 16;
        Object decideLock = new Object();
        AtomicLong nextSeq = new AtomicLong();
        CountDownLatch allSubmitted = new CountDownLatch(submitters);
        ExecutorService pool = Executors.newFixedThreadPool(submitters);
        try (var committer = new GroupCommitter(store, 64)) {
            List<Future<Long>> acknowledged = new ArrayList<>();
            for (int i = 0; i < submitters; i++) {
                acknowledged.add(pool.submit(() -> {
                    CompletableFuture<Void> durable;
                    long seq;
                    synchronized (decideLock) { // as the coordinator does: seq order = submission order
                        seq = nextSeq.incrementAndGet();
                        durable = committer.submit(decision(seq, Write.put("k" + seq, "v")));
                    }
                    allSubmitted.countDown();
                    durable.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    return seq;
                }));
            }
            // Hold the first fsync until everyone has submitted, as a slow disk would.
            assertThat(allSubmitted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            store.gate.countDown();
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> f : acknowledged) seqs.add(f.get(WAIT.toSeconds(), TimeUnit.SECONDS));

            assertThat(seqs).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, submitters).boxed().toList());
            assertThat(store.appends.get()).isLessThan(submitters);
            assertThat(store.appendedDecisions.get()).isEqualTo(submitters);
            assertThat(committer.durableSeq()).isEqualTo(submitters);
            assertThat(rocks.lastSeq()).isEqualTo(submitters);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedAppendFailsEveryWaiterAndLaterSubmissions() throws Exception {
        StorageFailure diskFull = new StorageFailure("disk full");
        store.failWith = diskFull;
        try (var committer = new GroupCommitter(store, 64)) {
            CompletableFuture<Void> inFlight = committer.submit(decision(1, Write.put("a", "1")));
            assertThat(store.firstAppendEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> queued1 = committer.submit(decision(2, Write.put("b", "2")));
            CompletableFuture<Void> queued2 = committer.submit(decision(3, Write.put("c", "3")));
            store.gate.countDown();

            assertThat(inFlight).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).withCause(diskFull);
            for (CompletableFuture<Void> f : List.of(queued1, queued2)) {
                assertThat(f).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                        .withCauseInstanceOf(StorageFailure.class);
            }
            CompletableFuture<Void> later = committer.submit(decision(4, Write.put("d", "4")));
            assertThat(later).isCompletedExceptionally();
            assertThatThrownBy(committer::flush).isInstanceOf(StorageFailure.class).hasRootCause(diskFull);
            assertThat(store.appends.get()).isEqualTo(1);
            assertThat(committer.durableSeq()).isZero();
            assertThat(rocks.lastSeq()).isZero();
        }
    }

    @Test
    void flushWaitsForEverythingSubmitted() throws Exception {
        try (var committer = new GroupCommitter(store, 2)) {
            for (long seq = 1; seq <= 5; seq++) committer.submit(decision(seq, Write.put("k", "v" + seq)));
            assertThat(store.firstAppendEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue(); // the writer's
            AtomicLong durableWhenFlushReturned = new AtomicLong(-1);
            Thread flusher = new Thread(() -> {
                try {
                    committer.flush();
                    durableWhenFlushReturned.set(rocks.lastSeq());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "flusher");
            flusher.start();
            await().atMost(WAIT).until(() -> flusher.getState() == Thread.State.WAITING);
            assertThat(durableWhenFlushReturned.get()).isEqualTo(-1);

            store.gate.countDown();
            flusher.join(WAIT.toMillis());
            assertThat(flusher.isAlive()).isFalse();
            assertThat(durableWhenFlushReturned.get()).isEqualTo(5);
            assertThat(committer.durableSeq()).isEqualTo(5);
            assertThat(store.appends.get()).isGreaterThanOrEqualTo(3); // maxBatch 2 caps each append
        }
    }

    @Test
    void aCallerThatFindsNoAppendUnderWayAppendsOnItsOwnThread() throws Exception {
        store.gate.countDown();
        try (var committer = new GroupCommitter(store, 64)) {
            awaitIdleWriter();
            CompletableFuture<Void> durable = committer.submitForCaller(decision(1, Write.put("k", "v1")));

            committer.appendQueued();

            assertThat(durable).isCompleted().isNotCompletedExceptionally();
            assertThat(store.appendThreads).containsExactly(Thread.currentThread().getName());
            assertThat(rocks.lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void whatQueuesWhileACallerAppendsGoesToTheWriterThreadWhenThatAppendEnds() throws Exception {
        try (var committer = new GroupCommitter(store, 64)) {
            awaitIdleWriter();
            CompletableFuture<Void> first = committer.submitForCaller(decision(1, Write.put("k", "v1")));
            Thread caller = new Thread(committer::appendQueued, "first-caller");
            caller.start();
            assertThat(store.firstAppendEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> second = committer.submitForCaller(decision(2, Write.put("k", "v2")));
            committer.appendQueued(); // an append is under way: this returns at once, appending nothing
            assertThat(second).isNotDone();

            store.gate.countDown();
            assertThat(first).succeedsWithin(WAIT);
            assertThat(second).succeedsWithin(WAIT);
            assertThat(store.appendThreads).containsExactly("first-caller", "group-commit");
            assertThat(rocks.lastSeq()).isEqualTo(2);
        }
    }

    @Test
    void closeDrainsWhatIsQueued() throws Exception {
        var committer = new GroupCommitter(store, 1); // the first append takes seq 1 alone; 2..5 stay queued
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) durable.add(committer.submit(decision(seq, Write.put("k", "v" + seq))));
        Thread closer = new Thread(committer::close, "closer");
        closer.start();
        await().atMost(WAIT).until(() -> closer.getState() == Thread.State.WAITING); // joined on the parked writer
        store.gate.countDown();
        closer.join(WAIT.toMillis());

        assertThat(closer.isAlive()).isFalse();
        assertThat(durable).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThat(rocks.lastSeq()).isEqualTo(5);
        assertThat(rocks.entriesAfter(null, 10)).containsExactly(new SnapshotEntry("k", "v5", 5));
        assertThatThrownBy(() -> committer.submit(decision(6, Write.put("k", "v6")))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void submitRefusesSeqsOutOfOrderWithoutStopping() throws Exception {
        store.gate.countDown();
        rocks.append(List.of(decision(1, Write.put("k", "v1"))));
        try (var committer = new GroupCommitter(store, 64)) {
            assertThat(committer.durableSeq()).isEqualTo(1);
            assertThatThrownBy(() -> committer.submit(decision(3, Write.put("k", "v3")))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> committer.submit(decision(1, Write.put("k", "v1")))).isInstanceOf(IllegalArgumentException.class);
            committer.submit(decision(2, Write.put("k", "v2"))).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(committer.durableSeq()).isEqualTo(2);
        }
    }

    @Test
    void writerThreadIsANamedDaemon() {
        store.gate.countDown();
        try (var committer = new GroupCommitter(store, 1)) {
            assertThat(committer.durableSeq()).isZero();
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("group-commit") && t.isDaemon());
        }
    }

    /** Waits until the writer thread waits for work, so that it takes only what it is handed. */
    private static void awaitIdleWriter() {
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("group-commit") && t.getState() == Thread.State.WAITING));
    }

    /** Counts appends, and parks the first one until {@link #gate} opens; optionally fails it. */
    private static final class GatedStore implements DecisionStore {
        final DecisionStore delegate;
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch firstAppendEntered = new CountDownLatch(1);
        final AtomicInteger appends = new AtomicInteger();
        final AtomicInteger appendedDecisions = new AtomicInteger();
        final List<String> appendThreads = new CopyOnWriteArrayList<>();
        volatile RuntimeException failWith;

        GatedStore(DecisionStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(List<Decision> decisions) {
            appends.incrementAndGet();
            appendThreads.add(Thread.currentThread().getName());
            firstAppendEntered.countDown();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) throw new AssertionError("the test never opened the gate");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted at the gate", e);
            }
            if (failWith != null) throw failWith;
            delegate.append(decisions);
            appendedDecisions.addAndGet(decisions.size());
        }

        @Override public long lastSeq() { return delegate.lastSeq(); }
        @Override public void recordAborted(TxId txId) { delegate.recordAborted(txId); }
        @Override public boolean isAborted(TxId txId) { return delegate.isAborted(txId); }
        @Override public Optional<Decision> decisionOf(TxId txId) { return delegate.decisionOf(txId); }
        @Override public List<Decision> decisionsAfter(long afterSeq, int max) { return delegate.decisionsAfter(afterSeq, max); }
        @Override public List<SnapshotEntry> entriesAfter(String afterKey, int max) { return delegate.entriesAfter(afterKey, max); }
        @Override public void forEachEntry(Consumer<SnapshotEntry> action) { delegate.forEachEntry(action); }
        @Override public void close() { delegate.close(); }
    }
}
