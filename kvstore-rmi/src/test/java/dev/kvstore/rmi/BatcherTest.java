package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

class BatcherTest {
    /** Runs tasks only when the test says so, so every interleaving is chosen by the test. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor manual = tasks::add;
    private final List<List<String>> sent = new CopyOnWriteArrayList<>();

    private Batcher<String, String> batcher(int maxMessages, long maxWeight) {
        return new Batcher<>(batch -> {
            sent.add(List.copyOf(batch));
            return batch.stream().map(String::toUpperCase).toList();
        }, manual, maxMessages, String::length, maxWeight);
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) task.run();
    }

    @Test
    void aMessageAloneLeavesInABatchOfItsOwnAndGetsItsAnswer() throws Exception {
        Batcher<String, String> batcher = batcher(10, 1000);
        CompletableFuture<String> answer = batcher.submit("a");
        runTasks();
        assertThat(answer.get()).isEqualTo("A");
        assertThat(sent).containsExactly(List.of("a"));
    }

    @Test
    void messagesSubmittedWhileABatchIsInFlightGoTogetherInTheNextInOrder() throws Exception {
        List<CompletableFuture<String>> later = new ArrayList<>();
        Batcher<String, String>[] self = new Batcher[1];
        self[0] = new Batcher<>(batch -> {
            sent.add(List.copyOf(batch));
            if (sent.size() == 1) {
                // while the first batch is "on the wire", three more arrive
                for (String m : List.of("b", "c", "d")) later.add(self[0].submit(m));
            }
            return batch.stream().map(String::toUpperCase).toList();
        }, manual, 10, String::length, 1000);
        CompletableFuture<String> first = self[0].submit("a");
        runTasks();
        assertThat(sent).containsExactly(List.of("a"), List.of("b", "c", "d"));
        assertThat(first.get()).isEqualTo("A");
        assertThat(later.get(2).get()).isEqualTo("D");
        assertThat(tasks).as("one sending loop per busy period").isEmpty();
    }

    @Test
    void aBatchStopsAtTheMessageLimitAndTheRestFollows() {
        Batcher<String, String> batcher = batcher(2, 1000);
        for (String m : List.of("a", "b", "c", "d", "e")) batcher.submit(m);
        runTasks();
        assertThat(sent).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    }

    @Test
    void aBatchStopsAtTheWeightLimitButAHeavyMessageStillGoesAlone() {
        Batcher<String, String> batcher = batcher(10, 4);
        for (String m : List.of("aa", "bb", "cc", "dddddd", "e")) batcher.submit(m);
        runTasks();
        assertThat(sent).containsExactly(List.of("aa", "bb"), List.of("cc"), List.of("dddddd"), List.of("e"));
    }

    @Test
    void aCancelledMessageIsNotSent() {
        Batcher<String, String> batcher = batcher(10, 1000);
        batcher.submit("a");
        batcher.submit("b").cancel(false);
        batcher.submit("c");
        runTasks();
        assertThat(sent).containsExactly(List.of("a", "c"));
    }

    @Test
    void aFailedBatchFailsEveryMessageInItAndTheNextBatchIsStillSent() {
        List<String> failing = List.of("x");
        Batcher<String, String> batcher = new Batcher<>(batch -> {
            sent.add(List.copyOf(batch));
            if (batch.equals(failing)) throw new java.rmi.RemoteException("peer gone");
            return batch;
        }, manual, 1, String::length, 1000);
        CompletableFuture<String> lost = batcher.submit("x");
        CompletableFuture<String> next = batcher.submit("y");
        runTasks();
        assertThatThrownBy(lost::get).isInstanceOf(ExecutionException.class).hasMessageContaining("peer gone");
        assertThat(next).isCompletedWithValue("y");
    }

    @Test
    void anAnswerCountThatDoesNotMatchTheBatchFailsTheBatch() {
        Batcher<String, String> batcher = new Batcher<>(batch -> List.of(), manual, 10, String::length, 1000);
        CompletableFuture<String> answer = batcher.submit("a");
        runTasks();
        assertThat(answer).isCompletedExceptionally();
    }

    @Test
    void aRejectedSendingLoopFailsTheQueuedMessages() {
        Batcher<String, String> batcher = new Batcher<>(batch -> batch, task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, 10, String::length, 1000);
        assertThat(batcher.submit("a")).isCompletedExceptionally();
    }

    @Test
    @Timeout(30)
    void abandoningAStuckBatchSendsWhatQueuedBehindItInANewCall() throws Exception {
        CountDownLatch peerResumes = new CountDownLatch(1);
        List<Thread> senders = new CopyOnWriteArrayList<>();
        Batcher<String, String> batcher = new Batcher<>(batch -> {
            sent.add(List.copyOf(batch));
            if (batch.contains("stuck")) peerResumes.await(); // a call to a paused peer
            return batch;
        }, task -> {
            Thread t = new Thread(task);
            senders.add(t);
            t.start();
        }, 10, String::length, 1000);
        CompletableFuture<String> stuck = batcher.submit("stuck");
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        CompletableFuture<String> behind = batcher.submit("behind");

        batcher.abandonInFlight();

        assertThat(behind.get(5, TimeUnit.SECONDS)).isEqualTo("behind");
        assertThat(stuck).isNotDone();
        peerResumes.countDown();
        assertThat(stuck.get(5, TimeUnit.SECONDS)).as("a late answer still completes its own message").isEqualTo("stuck");
        for (Thread t : senders) t.join(5_000);
        assertThat(sent).containsExactly(List.of("stuck"), List.of("behind"));
        CompletableFuture<String> next = batcher.submit("next");
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("next");
    }

    @Test
    void abandoningWhenNothingIsInFlightChangesNothing() {
        Batcher<String, String> batcher = batcher(10, 1000);
        batcher.abandonInFlight();
        batcher.submit("a");
        runTasks();
        assertThat(sent).containsExactly(List.of("a"));
    }

    @Test
    void aLazyMessageRidesAlongWithTheNextCallInOrder() {
        ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
        Batcher<String, String> batcher = lazyBatcher(timer);

        CompletableFuture<String> commit = batcher.submitLazily("commit-1");
        runTasks();
        assertThat(sent).as("nothing leaves for a lazy message alone").isEmpty();

        batcher.submit("prepare-2");
        runTasks();
        assertThat(sent).containsExactly(List.of("commit-1", "prepare-2"));
        assertThat(commit).isCompletedWithValue("COMMIT-1");
    }

    @Test
    void aLazyMessageThatNoCallTakesAlongLeavesAfterTheLinger() {
        ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
        Batcher<String, String> batcher = lazyBatcher(timer);

        batcher.submitLazily("commit-1");
        batcher.submitLazily("commit-2");
        ArgumentCaptor<Runnable> flush = ArgumentCaptor.forClass(Runnable.class);
        verify(timer, times(1)).schedule(flush.capture(), eq(Duration.ofMillis(2).toNanos()), eq(TimeUnit.NANOSECONDS));

        flush.getValue().run(); // the linger is over
        runTasks();
        assertThat(sent).containsExactly(List.of("commit-1", "commit-2"));
    }

    @Test
    void aLingerThatEndsAfterTheMessagesLeftSendsNothingMore() {
        ScheduledExecutorService timer = mock(ScheduledExecutorService.class);
        Batcher<String, String> batcher = lazyBatcher(timer);
        batcher.submitLazily("commit-1");
        batcher.submit("prepare-2");
        runTasks();
        ArgumentCaptor<Runnable> flush = ArgumentCaptor.forClass(Runnable.class);
        verify(timer).schedule(flush.capture(), anyLong(), any());

        flush.getValue().run();
        runTasks();

        assertThat(sent).containsExactly(List.of("commit-1", "prepare-2"));
    }

    private Batcher<String, String> lazyBatcher(ScheduledExecutorService timer) {
        return new Batcher<>(batch -> {
            sent.add(List.copyOf(batch));
            return batch.stream().map(String::toUpperCase).toList();
        }, manual, 10, String::length, 1000, timer, Duration.ofMillis(2));
    }
}
