package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReusePingTest {
    private static final byte[] PING = {ReusePing.PING};

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ReusePing reusePing = new ReusePing(clock::get);

    @Test
    void aPingRightAfterARecentReplyIsAnsweredOnceWithoutTheWire() {
        reusePing.readSomething();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));

        assertThat(reusePing.answersLocally(PING, 0, 1)).isTrue();
        assertThat(reusePing.takeAck()).isTrue();
        assertThat(reusePing.takeAck()).as("one answer per ping").isFalse();
    }

    @Test
    void aPingAfterAReplyOlderThanASecondGoesToTheWire() {
        reusePing.readSomething();
        clock.addAndGet(ReusePing.RECENT_NANOS);

        assertThat(reusePing.answersLocally(PING, 0, 1)).isFalse();
        assertThat(reusePing.takeAck()).isFalse();
    }

    @Test
    void offLeavesTheStreamsAsTheyAre() {
        InputStream in = new ByteArrayInputStream(new byte[0]);
        OutputStream out = new ByteArrayOutputStream();

        assertThat(ReusePing.OFF.input(in)).isSameAs(in);
        assertThat(ReusePing.OFF.output(out)).isSameAs(out);
    }

    @Test
    void aPingOnAConnectionThatNeverHadAReplyGoesToTheWire() {
        assertThat(reusePing.answersLocally(PING, 0, 1)).isFalse();
    }

    @Test
    void theByteOfAPingInsideAMessageIsNotAPing() {
        reusePing.readSomething();
        reusePing.answersLocally(new byte[] {0x50, 0x01}, 0, 2);

        assertThat(reusePing.answersLocally(PING, 0, 1)).as("a write after a write").isFalse();
    }

    @Test
    void onlyALonePingByteIsAPing() {
        reusePing.readSomething();
        assertThat(reusePing.answersLocally(new byte[] {ReusePing.PING, 0x00}, 0, 2)).isFalse();

        reusePing.readSomething();
        assertThat(reusePing.answersLocally(new byte[] {0x50}, 0, 1)).isFalse();

        reusePing.readSomething();
        assertThat(reusePing.answersLocally(new byte[] {0x00, ReusePing.PING}, 1, 1)).as("at an offset").isTrue();
    }
}
