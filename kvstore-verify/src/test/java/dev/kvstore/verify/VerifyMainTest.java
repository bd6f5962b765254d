package dev.kvstore.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.verify.nemesis.FaultCategory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyMainTest {
    @TempDir
    Path dir;

    private static RunSettings parse(String... args) {
        VerifyMain main = new VerifyMain();
        new CommandLine(main).parseArgs(args);
        return main.settings();
    }

    @Test
    void ciProfileRunsAboutAMinuteOfEveryFault() {
        RunSettings s = parse("--profile", "ci", "--seed", "7");
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(75));
        assertThat(s.duration().minus(s.calmTail()).minus(RunSettings.WARMUP)).isEqualTo(Duration.ofSeconds(62));
        assertThat(s.faults()).containsExactlyInAnyOrder(FaultCategory.values());
        assertThat(s.clients()).isEqualTo(10);
        assertThat(s.keys()).isEqualTo(5);
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.sampleEvery()).isNull();
    }

    @Test
    void optionsOnTheCommandLineOverrideTheProfile() {
        RunSettings s = parse("--profile", "long", "--duration", "90s", "--clients", "3", "--faults", "pause", "--out", "h.jsonl");
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.clients()).isEqualTo(3);
        assertThat(s.keys()).isEqualTo(10);
        assertThat(s.faults()).containsExactly(FaultCategory.PAUSE);
        assertThat(s.out()).isEqualTo(Path.of("h.jsonl"));
    }

    @Test
    void soakRunsSteadyLoadAndSamplesResources() {
        RunSettings s = parse("--profile", "soak", "--duration", "10m");
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.faults()).isEmpty();
        assertThat(s.sampleEvery()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withoutASeedOneIsChosen() {
        assertThat(parse().seed()).isPositive();
    }

    @Test
    void rejectsUnknownProfilesAndFaults() {
        assertThatThrownBy(() -> parse("--profile", "nightly")).hasMessageContaining("unknown profile 'nightly'");
        assertThatThrownBy(() -> parse("--faults", "network")).hasMessageContaining("unknown fault 'network'");
    }

    @Test
    void refusesADataDirectoryThatIsNotEmpty() throws Exception {
        Files.writeString(dir.resolve("leftover"), "x");
        assertThatThrownBy(() -> FaultRun.prepareDataDir(dir)).hasMessageContaining("is not empty");
        assertThat(FaultRun.prepareDataDir(dir.resolve("fresh"))).isDirectory().isAbsolute();
    }
}
