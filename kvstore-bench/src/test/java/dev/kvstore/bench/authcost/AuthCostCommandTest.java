package dev.kvstore.bench.authcost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.bench.BenchMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kvstore-bench auth-cost}: what it prints and refuses; never how fast it is. */
class AuthCostCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsARowPerCallOfAWrite() {
        int status = run("auth-cost", "--warmup", "0s", "--duration", "20ms");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(1)).contains("call", "sign ns", "verify ns", "total ns");
        assertThat(lines.subList(2, lines.size())).hasSize(3).satisfiesExactly(
                l -> assertThat(l).matches("prepare \\(1 write of 100 B\\) +\\d+ +\\d+ +\\d+ +\\d+"),
                l -> assertThat(l).matches("decide \\(5 participants, 1 write\\) +\\d+ +\\d+ +\\d+ +\\d+"),
                l -> assertThat(l).matches("commit +\\d+ +\\d+ +\\d+ +\\d+"));
    }

    @Test
    void refusesAZeroDuration() {
        assertThat(run("auth-cost", "--duration", "0s")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--duration must be positive");
    }

    @Test
    void refusesAValueSizeOutOfRange() {
        assertThat(run("auth-cost", "--value-size", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--value-size must be between 1 and");
    }

    @Test
    void everyCredentialSignedIsAdmittedAndCounted() {
        SampleCall commit = SampleCall.ofOneWrite(10).get(2);

        AuthCost cost = AuthCostBenchmark.withRandomSecret().measure(commit, Duration.ZERO, Duration.ofMillis(1));

        assertThat(cost.calls()).as("at least one whole batch").isGreaterThanOrEqualTo(AuthCostBenchmark.BATCH);
        assertThat(cost.calls() % AuthCostBenchmark.BATCH).isZero();
        assertThat(cost.totalNanosPerCall()).isEqualTo(cost.signNanosPerCall() + cost.verifyNanosPerCall());
    }
}
