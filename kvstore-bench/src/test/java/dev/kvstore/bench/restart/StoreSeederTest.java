package dev.kvstore.bench.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.coordinator.CoordinatorServer;
import dev.kvstore.coordinator.log.RocksDecisionStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSeederTest {
    @TempDir
    Path dir;

    @Test
    void seedsEveryKeyAsCommittedDecisionsTheCoordinatorReadsBack() throws Exception {
        StoreSeeder.Seeded seeded = StoreSeeder.seed(dir, 2_500, 10, 1);

        assertThat(seeded.reused()).isFalse();
        assertThat(seeded.lastSeq()).isEqualTo(3); // 1,000 keys per decision
        try (RocksDecisionStore store = RocksDecisionStore.open(CoordinatorServer.storeDir(dir))) {
            assertThat(store.lastSeq()).isEqualTo(3);
            List<SnapshotEntry> all = new ArrayList<>();
            store.forEachEntry(all::add);
            assertThat(all).hasSize(2_500).allSatisfy(e -> assertThat(e.value()).hasSize(10).matches("[a-z]+"));
            assertThat(all).extracting(SnapshotEntry::key).contains("k0", "k2499");
        }
    }

    @Test
    void reusesAStoreSeededWithTheSameSettingsAndRefusesAnother() throws Exception {
        StoreSeeder.seed(dir, 100, 10, 1);

        assertThat(StoreSeeder.seed(dir, 100, 10, 1).reused()).isTrue();
        assertThatThrownBy(() -> StoreSeeder.seed(dir, 200, 10, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another --data-dir");
    }

    @Test
    void refusesADirectoryHoldingAStoreItDidNotSeed() throws Exception {
        RocksDecisionStore.open(CoordinatorServer.storeDir(dir)).close();

        assertThatThrownBy(() -> StoreSeeder.seed(dir, 100, 10, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not seed");
    }
}
