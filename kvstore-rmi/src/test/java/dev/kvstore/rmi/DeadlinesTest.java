package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DeadlinesTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final Deadlines deadlines = new Deadlines(clock::get);

    @Test
    void aFutureStillRunningAtItsDeadlineFailsWithTimeoutOnTheNextSweep() {
        CompletableFuture<String> call = deadlines.failAfter(new CompletableFuture<>(), SECOND);

        clock.addAndGet(SECOND - 1);
        deadlines.sweep();
        assertThat(call).as("before its deadline").isNotDone();

        clock.addAndGet(1);
        deadlines.sweep();
        assertThat(call).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aFutureBoundWithAValueCompletesWithItAtItsDeadline() {
        CompletableFuture<String> round = deadlines.completeAfter(new CompletableFuture<>(), "absent", SECOND);

        clock.addAndGet(2 * SECOND);
        deadlines.sweep();

        assertThat(round).isCompletedWithValue("absent");
    }

    @Test
    void aFutureDoneBeforeItsDeadlineKeepsItsResultAndIsForgotten() {
        CompletableFuture<String> call = deadlines.failAfter(new CompletableFuture<>(), SECOND);
        call.complete("voted");

        deadlines.sweep();
        clock.addAndGet(2 * SECOND);
        deadlines.sweep();

        assertThat(call).isCompletedWithValue("voted");
        assertThat(deadlines.kept()).isZero();
    }

    @Test
    void aFutureAlreadyDoneIsNotKept() {
        deadlines.failAfter(CompletableFuture.completedFuture("voted"), SECOND);

        assertThat(deadlines.kept()).isZero();
    }

    @Test
    void eachFutureExpiresAtItsOwnDeadline() {
        CompletableFuture<String> shortBound = deadlines.failAfter(new CompletableFuture<>(), SECOND);
        CompletableFuture<String> longBound = deadlines.failAfter(new CompletableFuture<>(), 3 * SECOND);

        clock.addAndGet(2 * SECOND);
        deadlines.sweep();

        assertThat(shortBound).isCompletedExceptionally();
        assertThat(longBound).isNotDone();
        assertThat(deadlines.kept()).isOne();
    }

    @Test
    @Timeout(10)
    void theSharedDeadlinesAreSweptWithoutAnyCallToSweep() {
        CompletableFuture<String> call = Deadlines.orTimeout(new CompletableFuture<>(), TimeUnit.MILLISECONDS.toNanos(100));
        CompletableFuture<String> round = Deadlines.completeOnTimeout(new CompletableFuture<>(), "absent",
                TimeUnit.MILLISECONDS.toNanos(100));

        await().atMost(Duration.ofSeconds(5)).until(() -> call.isDone() && round.isDone());
        assertThat(call).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(round).isCompletedWithValue("absent");
    }
}
