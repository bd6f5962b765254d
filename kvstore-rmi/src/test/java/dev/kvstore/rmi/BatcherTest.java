package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class BatcherTest {
    /** Runs tasks only when the test says so, so every interleaving is chosen by the test. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private final Executor manual = tasks::add;
    private final List<List<String>> sent = new ArrayList<>();

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
}
