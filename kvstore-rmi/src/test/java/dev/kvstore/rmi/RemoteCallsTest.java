package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.KVException;
import dev.kvstore.api.TransactionAbortedException;
import java.rmi.ConnectException;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deadlines around remote calls. Reference: DESIGN.md, invariant 4 ("No call blocks forever"). */
@Timeout(30)
class RemoteCallsTest {
    private static final Duration SHORT = Duration.ofMillis(200);

    private final RemoteCalls calls = new RemoteCalls(SHORT, "test-call");
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseAndClose() {
        release.countDown();
        calls.close();
    }

    @Test
    void aCallThatAnswersInTimeReturnsItsValue() throws Exception {
        String value = calls.call("echo", () -> "pong");

        assertThat(value).isEqualTo("pong");
    }

    @Test
    void aCallThatBlocksThrowsCallTimedOutAfterTheTimeout() {
        assertThatThrownBy(() -> calls.call("prepare at 127.0.0.1:2222", () -> {
                    release.await();
                    return "too late";
                }))
                .isInstanceOf(CallTimedOutException.class)
                .hasMessageContaining("prepare at 127.0.0.1:2222");
    }

    @Test
    void aTimedOutCallIsInterruptedSoItsThreadIsReleased() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);

        assertThatThrownBy(() -> calls.call("blocked", () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return null;
                }))
                .isInstanceOf(CallTimedOutException.class);

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRemoteExceptionPropagatesWithItsOwnType() {
        ConnectException refused = new ConnectException("Connection refused to host: 127.0.0.1");

        assertThatThrownBy(() -> calls.call("connect", () -> {
                    throw refused;
                }))
                .isSameAs(refused);
    }

    @Test
    void aDeclaredCheckedExceptionPropagatesWithItsOwnType() {
        TransactionAbortedException aborted = new TransactionAbortedException("t-1", "key k is locked");
        RemoteCalls.RemoteCall<String, KVException> put = () -> {
            throw aborted;
        };

        assertThatThrownBy(() -> calls.call("put", put)).isSameAs(aborted);
    }

    @Test
    void aRuntimeExceptionPropagates() {
        IllegalStateException bug = new IllegalStateException("broken");

        assertThatThrownBy(() -> calls.call("get", () -> {
                    throw bug;
                }))
                .isSameAs(bug);
    }

    @Test
    void anErrorPropagates() {
        AssertionError error = new AssertionError("boom");

        assertThatThrownBy(() -> calls.call("get", () -> {
                    throw error;
                }))
                .isSameAs(error);
    }

    @Test
    void anInterruptedCallerGetsARemoteExceptionAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> calls.call("commit", () -> {
                        release.await();
                        return null;
                    }))
                    .isExactlyInstanceOf(RemoteException.class)
                    .hasMessageContaining("commit");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void awaitWithNoTimeLeftTimesOutACallStillRunning() {
        Future<String> running = calls.submit(() -> {
            release.await();
            return "late";
        });

        assertThatThrownBy(() -> calls.<String, RemoteException>await("commit", running, 0))
                .isInstanceOf(CallTimedOutException.class);
        assertThat(running.isCancelled()).isTrue();
    }

    @Test
    void submittedCallsRunInParallel() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        RemoteCalls.RemoteCall<Boolean, RuntimeException> meet = () -> {
            bothStarted.countDown();
            try {
                return bothStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new RemoteException("interrupted", e);
            }
        };
        RemoteCalls slow = new RemoteCalls(Duration.ofSeconds(20), "fan-out");
        try {
            Future<Boolean> first = slow.submit(meet);
            Future<Boolean> second = slow.submit(meet);

            assertThat(slow.<Boolean, RuntimeException>await("first", first, TimeUnit.SECONDS.toNanos(20))).isTrue();
            assertThat(slow.<Boolean, RuntimeException>await("second", second, TimeUnit.SECONDS.toNanos(20))).isTrue();
        } finally {
            slow.close();
        }
    }

    @Test
    void rejectsATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> new RemoteCalls(Duration.ZERO, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RemoteCalls(Duration.ofMillis(-1), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls.timeout()).isEqualTo(SHORT);
    }
}
