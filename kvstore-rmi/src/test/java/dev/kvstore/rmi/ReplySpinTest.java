package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReplySpinTest {
    private static final long BUDGET = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long TICK = TimeUnit.MICROSECONDS.toNanos(1);

    private final AtomicInteger awaitingInProcess = new AtomicInteger();
    /** Advances one tick each time it is read, so a poll that never sees data ends by the budget. */
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ReplySpin spin = ReplySpin.of(awaitingInProcess, BUDGET, () -> clock.addAndGet(TICK));

    @Test
    void aLoneCallerPollsUntilItsReplyArrives() {
        Socket in = new Socket(3);
        spin.wrote();

        spin.beforeRead(in);

        assertThat(in.polls).as("two empty polls, then the reply").isEqualTo(3);
    }

    @Test
    void aPollForAReplyThatDoesNotComeEndsWhenTheBudgetIsSpent() {
        Socket in = new Socket(Integer.MAX_VALUE);
        spin.wrote();

        spin.beforeRead(in);

        assertThat(in.polls).isBetween(45, 50);
    }

    @Test
    void aConnectionThatAwaitsNoReplyDoesNotPoll() {
        Socket in = new Socket(3);

        spin.beforeRead(in);
        spin.wrote();
        spin.replied();
        spin.beforeRead(in);

        assertThat(in.polls).isZero();
    }

    @Test
    void noConnectionPollsWhileAnotherOfItsProcessAwaitsAReply() {
        ReplySpin other = ReplySpin.of(awaitingInProcess, BUDGET, clock::get);
        Socket in = new Socket(3);
        other.wrote();
        spin.wrote();

        spin.beforeRead(in);

        assertThat(in.polls).isZero();
    }

    @Test
    void aPollStopsOnceAnotherConnectionStartsToAwaitAReply() {
        ReplySpin other = ReplySpin.of(awaitingInProcess, BUDGET, clock::get);
        Socket in = new Socket(Integer.MAX_VALUE) {
            @Override
            public int available() {
                if (polls == 1) other.wrote();
                return super.available();
            }
        };
        spin.wrote();

        spin.beforeRead(in);

        assertThat(in.polls).isEqualTo(2);
    }

    @Test
    void eachConnectionCountsOnceHoweverOftenItWritesOrSettles() {
        ReplySpin other = ReplySpin.of(awaitingInProcess, BUDGET, clock::get);
        spin.wrote();
        spin.wrote();
        other.wrote();
        assertThat(awaitingInProcess).hasValue(2);

        spin.replied();
        spin.closed();
        assertThat(awaitingInProcess).hasValue(1);

        other.closed();
        assertThat(awaitingInProcess).hasValue(0);
    }

    @Test
    void aConnectionWhoseLastReplyWasSlowDoesNotPollUntilAQuickOne() {
        AtomicLong now = new AtomicLong();
        ReplySpin writer = ReplySpin.of(awaitingInProcess, BUDGET, now::get);

        writer.wrote();
        now.addAndGet(ReplySpin.SLOW_REPLY_BUDGETS * BUDGET + 1); // a write's two-phase commit
        writer.replied();
        writer.wrote();
        Socket afterSlow = new Socket(3);
        writer.beforeRead(afterSlow);
        assertThat(afterSlow.polls).as("after a slow reply").isZero();

        now.addAndGet(ReplySpin.SLOW_REPLY_BUDGETS * BUDGET); // slower than a poll lasts, yet quick: it includes a wake-up
        writer.replied();
        writer.wrote();
        Socket afterQuick = new Socket(3);
        writer.beforeRead(afterQuick);
        assertThat(afterQuick.polls).as("after a quick reply").isEqualTo(3);
    }

    @Test
    void aZeroBudgetNeverPolls() {
        ReplySpin off = ReplySpin.of(awaitingInProcess, 0, clock::get);
        Socket in = new Socket(3);
        off.wrote();

        off.beforeRead(in);

        assertThat(in.polls).isZero();
    }

    @Test
    void aSocketThatCannotBeAskedEndsThePollAndLeavesTheFailureToTheRead() {
        InputStream closed = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Socket closed");
            }

            @Override
            public int available() throws IOException {
                throw new IOException("Socket closed");
            }
        };
        spin.wrote();

        spin.beforeRead(closed); // returns

        assertThatThrownBy(closed::read).hasMessage("Socket closed");
    }

    @Test
    void theBudgetIsItsPropertyInMicrosecondsAndABadValueIsRefused() {
        assertThat(RmiSettings.replySpinNanos(null)).isEqualTo(TimeUnit.MICROSECONDS.toNanos(RmiSettings.DEFAULT_REPLY_SPIN_MICROS));
        assertThat(RmiSettings.replySpinNanos("0")).isZero();
        assertThat(RmiSettings.replySpinNanos("120")).isEqualTo(TimeUnit.MICROSECONDS.toNanos(120));

        for (String bad : new String[] {"-1", "10001", "fifty", ""}) {
            assertThatThrownBy(() -> RmiSettings.replySpinNanos(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(RmiSettings.REPLY_SPIN_PROPERTY)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    /** A socket's input whose reply is there from the {@code arrivesAtPoll}-th poll on. */
    private static class Socket extends InputStream {
        private final int arrivesAtPoll;
        int polls;

        Socket(int arrivesAtPoll) {
            this.arrivesAtPoll = arrivesAtPoll;
        }

        @Override
        public int available() {
            polls++;
            return polls >= arrivesAtPoll ? 1 : 0;
        }

        @Override
        public int read() {
            return 'x';
        }
    }
}
