package dev.kvstore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final long SEED = 42;

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void withoutJitterTheDelayDoublesEachRetryUntilTheCap() {
        RetryPolicy policy = new RetryPolicy(10, ms(50), ms(1000), 0);
        Random random = new Random(SEED);

        List<Duration> delays = IntStream.rangeClosed(1, 7).mapToObj(retry -> policy.backoff(retry, random)).toList();

        assertThat(delays).containsExactly(ms(50), ms(100), ms(200), ms(400), ms(800), ms(1000), ms(1000));
    }

    @Test
    void jitterKeepsEachDelayBetweenItsFixedShareAndTheFullDelay() {
        RetryPolicy policy = new RetryPolicy(10, ms(100), ms(10_000), 0.5);
        Random random = new Random(SEED);
        List<Duration> third = new ArrayList<>();
        for (int i = 0; i < 1000; i++) third.add(policy.backoff(3, random)); // base 400 ms

        assertThat(third).allSatisfy(d -> assertThat(d).isBetween(ms(200), ms(400)));
        assertThat(third.stream().distinct().count()).as("jitter spreads the delays (seed %d)", SEED).isGreaterThan(100);
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        Random first = new Random(SEED);
        Random second = new Random(SEED);

        for (int retry = 1; retry <= 5; retry++) {
            assertThat(policy.backoff(retry, first)).isEqualTo(policy.backoff(retry, second));
        }
    }

    @Test
    void aHugeRetryNumberStaysAtTheCapInsteadOfOverflowing() {
        RetryPolicy policy = new RetryPolicy(1000, ms(50), ms(1000), 0);

        assertThat(policy.backoff(64, new Random(SEED))).isEqualTo(ms(1000));
        assertThat(policy.backoff(1000, new Random(SEED))).isEqualTo(ms(1000));
    }

    @Test
    void rejectsSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new RetryPolicy(-1, ms(50), ms(100), 0.5)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> new RetryPolicy(3, ms(500), ms(100), 0.5)).hasMessageContaining("less than initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(3, ms(50), ms(100), 1.5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.backoff(0, new Random(SEED))).hasMessageContaining("from 1");
    }
}
