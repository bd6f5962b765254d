package dev.kvstore.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void readsMillisecondsSecondsMinutesAndDecimals() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void addsUpSums() {
        assertThat(Durations.parse("45s+20s+500ms")).isEqualTo(Duration.ofMillis(65_500));
        assertThat(Durations.parse("5s + 3s")).isEqualTo(Duration.ofSeconds(8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5x", "s", "-1s", "1h", "", "5s+", "five seconds"})
    void rejectsWhatIsNotADurationAndSaysWhatIs(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad duration '" + text + "'")
                .hasMessageContaining("e.g. 500ms, 45s");
    }

    @Test
    void formatsTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
