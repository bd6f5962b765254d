package dev.kvstore.bench.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class OpStatsTest {
    @Test
    void reportsRateAndPercentilesInMicroseconds() {
        Histogram nanos = new Histogram(3);
        for (int i = 1; i <= 1000; i++) nanos.recordValue(i * 1000L); // 1 µs .. 1000 µs

        OpStats s = OpStats.of(OpType.GET, nanos, 3, 4, 2.0);

        assertThat(s.ops()).isEqualTo(1000);
        assertThat(s.opsPerSec()).isEqualTo(500.0);
        assertThat(s.p50Micros()).isCloseTo(500, within(1.0));
        assertThat(s.p99Micros()).isCloseTo(990, within(1.0));
        assertThat(s.p999Micros()).isCloseTo(999, within(1.0));
        assertThat(s.maxMicros()).isCloseTo(1000, within(1.0));
        assertThat(s.attempts()).isEqualTo(1007);
    }

    @Test
    void onlyFailuresGiveZeroRateAndLatency() {
        OpStats s = OpStats.of(OpType.PUT, new Histogram(3), 0, 9, 1.0);

        assertThat(s.opsPerSec()).isZero();
        assertThat(s.p99Micros()).isZero();
        assertThat(s.errors()).isEqualTo(9);
    }
}
