package dev.kvstore.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
    @TempDir
    Path dataDir;

    @Test
    void firstStartIsGenerationOneWithEpochsFromZero() throws IOException {
        long generation = Generation.next(dataDir);

        assertThat(generation).isEqualTo(1);
        assertThat(Generation.firstEpoch(generation)).isZero();
    }

    @Test
    void everyRestartStartsAboveEveryEpochOfTheStartsBefore() throws IOException {
        long first = Generation.next(dataDir);
        long second = Generation.next(dataDir);
        long third = Generation.next(dataDir);

        assertThat(second).isEqualTo(first + 1);
        assertThat(Generation.firstEpoch(third))
                .isGreaterThanOrEqualTo(Generation.firstEpoch(second) + Generation.EPOCHS_PER_GENERATION);
    }

    @Test
    void aDamagedGenerationFileIsAnErrorNotAFreshStart() throws IOException {
        Files.writeString(dataDir.resolve("generation"), "garbage");

        assertThatThrownBy(() -> Generation.next(dataDir)).isInstanceOf(IOException.class).hasMessageContaining("garbage");
    }
}
