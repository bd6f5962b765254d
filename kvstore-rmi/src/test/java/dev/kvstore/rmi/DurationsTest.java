package dev.kvstore.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The durations every command line takes. */
class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S",
        "45s,   PT45S",
        "2m,    PT2M",
        "1h,    PT1H",
        "45,    PT45S",
        "0ms,   PT0S",
        "1500ms, PT1.5S",
        "1.5s,  PT1.5S",
        "0.25m, PT15S",
        "45s+20s+500ms, PT65.5S",
    })
    void parsesNumbersWithAUnitBareSecondsAndSums(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(Durations.parse(" 45s ")).isEqualTo(Duration.ofSeconds(45));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1s", "45 s", "s", "10d", "1S", "1.s", "45s+", "+45s"})
    void rejectsWhatIsNotANumberWithAKnownUnitNamingTheInput(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999s", "9999999999999999h"})
    void rejectsAnAmountTooLargeNamingTheInput(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 250, 999, 1000, 1500, 45_000, 120_000, 3_600_000, 86_400_123})
    void formatReadsBackToTheSameDuration(long millis) {
        Duration d = Duration.ofMillis(millis);

        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @Test
    void formatsTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("120s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }
}
