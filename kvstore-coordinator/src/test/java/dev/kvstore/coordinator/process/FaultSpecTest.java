package dev.kvstore.coordinator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultSpecTest {

    @Test
    void parsesPortAndDurationsInSeconds() {
        assertThat(FaultSpec.parse("3333:45s:20s"))
                .isEqualTo(new FaultSpec(3333, Duration.ofSeconds(45), Duration.ofSeconds(20)));
    }

    @Test
    void parsesMillisecondsMinutesHoursAndBareSeconds() {
        assertThat(FaultSpec.parse("1111:500ms:2m"))
                .isEqualTo(new FaultSpec(1111, Duration.ofMillis(500), Duration.ofMinutes(2)));
        assertThat(FaultSpec.parse("2222:45:20"))
                .isEqualTo(new FaultSpec(2222, Duration.ofSeconds(45), Duration.ofSeconds(20)));
        assertThat(FaultSpec.parse(" 5555:1h:0 "))
                .isEqualTo(new FaultSpec(5555, Duration.ofHours(1), Duration.ZERO));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' is rejected naming {1}")
    @CsvSource(delimiter = '|', value = {
            "3333:45s              | expected PORT:AT:DOWN_FOR",
            "3333:45s:20s:1s       | expected PORT:AT:DOWN_FOR",
            "''                    | expected PORT:AT:DOWN_FOR",
            "abc:45s:20s           | PORT 'abc' is not a number",
            "70000:45s:20s         | PORT 70000 is not in 1..65535",
            "0:45s:20s             | PORT 0 is not in 1..65535",
            "3333:soon:20s         | AT 'soon' is not a duration",
            "3333:45x:20s          | AT '45x' is not a duration",
            "3333::20s             | AT '' is not a duration",
            "3333:45s:-1s          | DOWN_FOR '-1s' is not a duration",
            "3333:45s:20 s         | DOWN_FOR '20 s' is not a duration",
            "3333:99999999999999999999s:1s | AT '99999999999999999999s' is not a duration",
            "3333:400d:1s          | AT '400d' is not a duration",
            "3333:1s:9000h         | DOWN_FOR '9000h' is too large",
    })
    void rejectsAMalformedSpecNamingTheBadPart(String spec, String expectedMessage) {
        assertThatThrownBy(() -> FaultSpec.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad fault spec '" + spec + "'")
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void rejectsNegativeDurationsAndBadPortsWhenConstructedDirectly() {
        assertThatThrownBy(() -> new FaultSpec(3333, Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'at'");
        assertThatThrownBy(() -> new FaultSpec(3333, Duration.ZERO, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'downFor'");
        assertThatThrownBy(() -> new FaultSpec(65_536, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    }

    @Test
    void toStringIsASpecThatParsesBackToTheSameFault() {
        FaultSpec fault = new FaultSpec(4444, Duration.ofMillis(1500), Duration.ofMinutes(1));
        assertThat(FaultSpec.parse(fault.toString())).isEqualTo(fault);
    }
}
