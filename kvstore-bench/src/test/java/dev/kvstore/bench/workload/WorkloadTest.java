package dev.kvstore.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    @Test
    void valueHasExactlyTheConfiguredNumberOfBytes() {
        String value = new Workload(10, 100, KeyDistribution.UNIFORM, 0.99, 7).value();

        assertThat(value.getBytes(StandardCharsets.UTF_8)).hasSize(100);
        assertThat(value).matches("[a-z]+");
    }

    @Test
    void sameSeedGivesTheSameValueAndDistinctWorkerSeeds() {
        Workload w = new Workload(10, 64, KeyDistribution.ZIPFIAN, 0.99, 7);

        assertThat(w.value()).isEqualTo(new Workload(10, 64, KeyDistribution.ZIPFIAN, 0.99, 7).value());
        assertThat(w.workerSeed(0)).isNotEqualTo(w.workerSeed(1));
    }

    @Test
    void rejectsSettingsNoRunCouldUse() {
        assertThatThrownBy(() -> new Workload(0, 100, KeyDistribution.UNIFORM, 0.99, 1)).hasMessageContaining("keys");
        assertThatThrownBy(() -> new Workload(10, 0, KeyDistribution.UNIFORM, 0.99, 1)).hasMessageContaining("value size");
        assertThatThrownBy(() -> new Workload(10, 10, KeyDistribution.ZIPFIAN, 1.5, 1)).hasMessageContaining("theta");
    }
}
