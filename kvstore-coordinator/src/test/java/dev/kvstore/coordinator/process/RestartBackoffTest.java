package dev.kvstore.coordinator.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final Duration QUICK = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofMinutes(5);

    @Test
    void relaunchesAtOnceAfterARunOfAtLeastTwoSeconds() {
        RestartBackoff backoff = new RestartBackoff();
        assertThat(backoff.onExit(LONG)).isZero();
        assertThat(backoff.onExit(Duration.ofSeconds(2))).isZero();
    }

    @Test
    void doublesTheDelayAfterEachQuickExitUpToThirtySeconds() {
        RestartBackoff backoff = new RestartBackoff();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 40; i++) delays.add(backoff.onExit(QUICK).toSeconds());
        assertThat(delays.subList(0, 7)).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(delays.subList(7, 40)).containsOnly(30L); // no overflow after many quick exits
    }

    @Test
    void aLongRunForgetsEarlierQuickExits() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.onExit(QUICK);
        backoff.onExit(QUICK);
        assertThat(backoff.onExit(LONG)).isZero();
        assertThat(backoff.onExit(QUICK)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void resetForgetsEarlierQuickExits() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.onExit(QUICK);
        backoff.onExit(QUICK);
        backoff.reset();
        assertThat(backoff.quickExits()).isZero();
        assertThat(backoff.onExit(QUICK)).isEqualTo(Duration.ofSeconds(1));
    }
}
