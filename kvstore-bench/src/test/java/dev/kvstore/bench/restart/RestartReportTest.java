package dev.kvstore.bench.restart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RestartReportTest {
    private static RestartRound round(int n, long processToUp) {
        return new RestartRound(n, 1111, 100, processToUp, ReplicaLogTimings.NONE);
    }

    @Test
    void minMedianAndMaxOfTheRounds() {
        List<RestartRound> rounds = List.of(round(1, 3000), round(2, 1000), round(3, 2000));

        assertThat(RestartReport.stat("min", rounds, r -> OptionalLong.of(r.processToUpMillis()))).hasValue(1000);
        assertThat(RestartReport.stat("median", rounds, r -> OptionalLong.of(r.processToUpMillis()))).hasValue(2000);
        assertThat(RestartReport.stat("max", rounds, r -> OptionalLong.of(r.processToUpMillis()))).hasValue(3000);
        assertThat(RestartReport.stat("median", rounds, r -> r.log().jvmMillis())).isEmpty();
    }

    @Test
    void theTableShowsEachRoundAndTheKillToUpSum() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        RestartReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "heading", List.of(round(1, 2500)));

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("heading").contains("process->UP").contains("2.50 s").contains("2.60 s").contains("median");
    }
}
