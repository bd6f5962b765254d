package dev.kvstore.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.SnapshotEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionedStoreTest {
    private final VersionedStore store = new VersionedStore();

    @Test
    void olderSeqNeverOverwritesNewer() {
        assertThat(store.apply("k", "new", 5)).isTrue();

        assertThat(store.apply("k", "old", 3)).isFalse();

        assertThat(store.get("k")).isEqualTo("new");
        assertThat(store.versionOf("k")).isEqualTo(new Versioned("new", 5));
    }

    @Test
    void newerSeqOverwritesOlder() {
        store.apply("k", "old", 3);

        assertThat(store.apply("k", "new", 5)).isTrue();

        assertThat(store.get("k")).isEqualTo("new");
    }

    @Test
    void sameSeqTwiceAppliesOnce() {
        assertThat(store.apply("k", "v", 4)).isTrue();
        String digestAfterFirst = store.digest();

        assertThat(store.apply("k", "other", 4)).isFalse();

        assertThat(store.get("k")).isEqualTo("v");
        assertThat(store.keyCount()).isEqualTo(1);
        assertThat(store.digest()).isEqualTo(digestAfterFirst);
    }

    @Test
    void deleteLeavesTombstoneThatAnOlderPutCannotResurrect() {
        store.apply("k", "v", 2);

        assertThat(store.apply("k", null, 6)).isTrue();
        assertThat(store.get("k")).isNull();
        assertThat(store.versionOf("k")).isEqualTo(new Versioned(null, 6));
        assertThat(store.versionOf("k").isTombstone()).isTrue();

        assertThat(store.apply("k", "late", 4)).isFalse();
        assertThat(store.get("k")).isNull();
        assertThat(store.keyCount()).isZero();
    }

    @Test
    void deleteOfANeverWrittenKeyStillBlocksOlderPuts() {
        store.apply("k", null, 6);

        store.apply("k", "late", 5);

        assertThat(store.get("k")).isNull();
    }

    @Test
    void putAfterTombstoneWithNewerSeqRevivesTheKey() {
        store.apply("k", "v", 1);
        store.apply("k", null, 2);

        store.apply("k", "again", 3);

        assertThat(store.get("k")).isEqualTo("again");
        assertThat(store.keyCount()).isEqualTo(1);
    }

    @Test
    void keyCountCountsLiveKeysOnly() {
        store.apply("a", "1", 1);
        store.apply("b", "2", 2);
        store.apply("c", "3", 3);
        store.apply("b", null, 4);
        store.apply("d", null, 5);
        store.apply("a", "1b", 6);

        assertThat(store.keyCount()).isEqualTo(2);
    }

    @Test
    void digestIsIndependentOfApplyOrder() {
        VersionedStore forward = new VersionedStore();
        VersionedStore backward = new VersionedStore();
        List<SnapshotEntry> writes = List.of(
                new SnapshotEntry("a", "1", 1),
                new SnapshotEntry("b", "2", 2),
                new SnapshotEntry("a", "3", 3),
                new SnapshotEntry("c", "4", 4),
                new SnapshotEntry("b", null, 5),
                new SnapshotEntry("d", "é", 6));

        writes.forEach(w -> forward.apply(w.key(), w.value(), w.seq()));
        for (int i = writes.size() - 1; i >= 0; i--) {
            SnapshotEntry w = writes.get(i);
            backward.apply(w.key(), w.value(), w.seq());
        }

        assertThat(backward.digest()).isEqualTo(forward.digest());
        assertThat(backward.keyCount()).isEqualTo(forward.keyCount()).isEqualTo(3);
        assertThat(forward.digest()).isNotEqualTo(new VersionedStore().digest());
    }

    @Test
    void digestDiffersWhenAValueDiffers() {
        VersionedStore other = new VersionedStore();
        store.apply("a", "1", 1);
        other.apply("a", "2", 1);

        assertThat(other.digest()).isNotEqualTo(store.digest());
    }

    @Test
    void digestDiffersWhenASeqDiffers() {
        VersionedStore other = new VersionedStore();
        store.apply("a", "1", 1);
        other.apply("a", "1", 2);

        assertThat(other.digest()).isNotEqualTo(store.digest());
    }

    @Test
    void digestDiffersWhenAKeyDiffers() {
        VersionedStore other = new VersionedStore();
        store.apply("a", "1", 1);
        other.apply("b", "1", 1);

        assertThat(other.digest()).isNotEqualTo(store.digest());
    }

    @Test
    void deletingEveryKeyReturnsTheDigestOfAnEmptyStore() {
        String empty = store.digest();
        store.apply("a", "1", 1);
        store.apply("a", null, 2);

        assertThat(store.digest()).isEqualTo(empty);
    }

    @Test
    void forEachIncludesTombstones() {
        store.apply("a", "1", 1);
        store.apply("b", null, 2);
        List<SnapshotEntry> seen = new ArrayList<>();

        store.forEach(seen::add);

        assertThat(seen).containsExactlyInAnyOrder(new SnapshotEntry("a", "1", 1), new SnapshotEntry("b", null, 2));
    }

    @Test
    void clearResetsEntriesCountAndDigest() {
        String empty = store.digest();
        store.apply("a", "1", 5);
        store.apply("b", null, 6);

        store.clear();

        assertThat(store.get("a")).isNull();
        assertThat(store.versionOf("b")).isNull();
        assertThat(store.keyCount()).isZero();
        assertThat(store.digest()).isEqualTo(empty);
        assertThat(store.apply("a", "old", 1)).as("a cleared key takes any seq again").isTrue();
    }

    @Test
    void presizeOnlyAnEmptyStoreAndKeepEverythingWorking() {
        assertThat(store.presize(1_000)).isTrue();
        store.apply("a", "1", 1);
        String digest = store.digest();

        assertThat(store.presize(1_000)).isFalse(); // holds a key: left as it is
        assertThat(store.get("a")).isEqualTo("1");
        assertThat(store.digest()).isEqualTo(digest);
        assertThat(store.keyCount()).isEqualTo(1);
        assertThat(new VersionedStore().presize(0)).isFalse();
    }
}
