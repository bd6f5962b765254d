package dev.kvstore.coordinator.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** The coordinator's durable committed copy. Reference: DESIGN.md, "Write path" step 4 and "Versions make applying idempotent". */
class RocksDecisionStoreTest {
    @TempDir
    Path dir;

    static Decision decision(long seq, Write... writes) {
        return new Decision(seq, new TxId("tx-" + seq), List.of(writes));
    }

    @Test
    void emptyStoreStartsAtSeqZero() {
        try (var store = RocksDecisionStore.open(dir.resolve("new/nested"))) {
            assertThat(store.lastSeq()).isZero();
            assertThat(store.decisionsAfter(0, 10)).isEmpty();
            assertThat(store.entriesAfter(null, 10)).isEmpty();
        }
    }

    @Test
    void appendIsDurableAcrossReopen() {
        Decision d1 = decision(1, Write.put("a", "1"));
        Decision d2 = decision(2, Write.put("b", "2"), Write.delete("a"));
        Decision d3 = decision(3, Write.put("c", "3"));
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(d1, d2));
            store.append(List.of(d3));
            assertThat(store.lastSeq()).isEqualTo(3);
        }
        try (var store = RocksDecisionStore.open(dir)) {
            assertThat(store.lastSeq()).isEqualTo(3);
            assertThat(store.decisionsAfter(0, 10)).containsExactly(d1, d2, d3);
            assertThat(store.entriesAfter(null, 10)).containsExactly(
                    new SnapshotEntry("a", null, 2), new SnapshotEntry("b", "2", 2), new SnapshotEntry("c", "3", 3));
        }
    }

    @Test
    void appendRefusesAGapInSeqsAndWritesNothing() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("a", "1"))));
            assertThatThrownBy(() -> store.append(List.of(decision(3, Write.put("a", "3")))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("seq 2");
            assertThatThrownBy(() -> store.append(List.of(decision(2, Write.put("a", "2")), decision(4, Write.put("a", "4")))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.lastSeq()).isEqualTo(1);
            assertThat(store.entriesAfter(null, 10)).containsExactly(new SnapshotEntry("a", "1", 1));
        }
    }

    @Test
    void decisionsTheJournalHoldsBeyondRocksDbAreAppliedOnOpen() {
        Decision d1 = decision(1, Write.put("a", "1"), Write.put("b", "1"));
        Decision d2 = decision(2, Write.put("a", "2"));
        Decision d3 = decision(3, Write.delete("b"), Write.put("c", "3"));
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(d1));
        }
        // As after a crash of the machine: the journal holds 2 and 3, and RocksDB's unsynced log lost them.
        try (var journal = DecisionJournal.open(dir, DecisionJournal.DEFAULT_SEGMENT_BYTES, () -> {})) {
            journal.append(new long[] {2, 3}, List.of(RocksDecisionStore.encodeDecision(d2), RocksDecisionStore.encodeDecision(d3)));
        }
        for (int open = 0; open < 2; open++) { // the second open finds them in RocksDB and applies nothing twice
            try (var store = RocksDecisionStore.open(dir)) {
                assertThat(store.lastSeq()).isEqualTo(3);
                assertThat(store.decisionsAfter(0, 10)).containsExactly(d1, d2, d3);
                assertThat(store.decisionOf(new TxId("tx-3"))).contains(d3);
                assertThat(store.entriesAfter(null, 10)).containsExactly(
                        new SnapshotEntry("a", "2", 2), new SnapshotEntry("b", null, 3), new SnapshotEntry("c", "3", 3));
            }
        }
    }

    @Test
    void aJournalWithAGapAfterTheStoresSeqRefusesToOpenRatherThanLoseDecisions() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("a", "1"))));
        }
        try (var journal = DecisionJournal.open(dir, DecisionJournal.DEFAULT_SEGMENT_BYTES, () -> {})) {
            journal.append(new long[] {3}, List.of(RocksDecisionStore.encodeDecision(decision(3, Write.put("c", "3")))));
        }
        assertThatThrownBy(() -> RocksDecisionStore.open(dir)).isInstanceOf(StorageFailure.class)
                .hasMessageContaining("holds seq 3 but not seq 2");
    }

    @Test
    void appendsThatFillTheJournalManyTimesOverAllSurviveReopen() {
        List<Decision> all = new ArrayList<>();
        try (var store = RocksDecisionStore.open(dir, 4096)) {
            for (long seq = 1; seq <= 300; seq++) {
                Decision d = decision(seq, Write.put("k" + (seq % 7), "v" + seq));
                store.append(List.of(d));
                all.add(d);
            }
        }
        try (var store = RocksDecisionStore.open(dir, 4096)) {
            assertThat(store.lastSeq()).isEqualTo(300);
            assertThat(store.decisionsAfter(0, 1000)).containsExactlyElementsOf(all);
            assertThat(store.entriesAfter(null, 10)).contains(new SnapshotEntry("k6", "v300", 300));
        }
    }

    @Test
    void everyEntryHoldsTheLastDecisionThatWroteItAcrossAppendsAndReopen() {
        // The store does not read an entry before it overwrites it: decisions continue the log, so each one is
        // newer than every entry already stored. Check the result against a model over many appends of a few keys.
        var random = new Random(7);
        var model = new TreeMap<String, SnapshotEntry>();
        long seq = 0;
        for (int open = 0; open < 2; open++) {
            try (var store = RocksDecisionStore.open(dir)) {
                for (int append = 0; append < 40; append++) {
                    List<Decision> group = new ArrayList<>();
                    for (int i = random.nextInt(4); i >= 0; i--) {
                        seq++;
                        String key = "k" + random.nextInt(5);
                        Write write = random.nextInt(4) == 0 ? Write.delete(key) : Write.put(key, "v" + seq);
                        group.add(decision(seq, write));
                        model.put(key, new SnapshotEntry(key, write.value(), seq));
                    }
                    store.append(group);
                }
                assertThat(store.entriesAfter(null, 100)).containsExactlyElementsOf(model.values());
            }
        }
    }

    @Test
    void storeHoldingAnEntryNewerThanItsLogRefusesToOpen() throws Exception {
        // Appends write keys without reading them, trusting that only logged decisions wrote entries. A key newer
        // than the log can only come from elsewhere; put one there by hand.
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("k", "v"))));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (var options = new DBOptions(); var db = RocksDB.open(options, dir.toString(), storeColumnFamilies(), handles)) {
            try {
                db.put(handles.get(2), "j".getBytes(UTF_8), entryBytes("newer", 5));
            } finally {
                handles.forEach(ColumnFamilyHandle::close); // before the db, as RocksDB requires
            }
        }
        assertThatThrownBy(() -> RocksDecisionStore.open(dir))
                .isInstanceOf(StorageFailure.class)
                .hasMessageContaining("'j' at seq 5, beyond its log's last seq 1");
    }

    @Test
    void firstWriteOfAKeyWinsWithinOneTransactionAsOnTheReplicas() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("k", "first"), Write.put("k", "second"))));
            assertThat(store.entriesAfter(null, 10)).containsExactly(new SnapshotEntry("k", "first", 1));
        }
    }

    @Test
    void laterDecisionInOneBatchOverwritesEarlierOne() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("k", "one")), decision(2, Write.put("k", "two")),
                    decision(3, Write.put("other", "x"))));
            assertThat(store.entriesAfter(null, 10)).containsExactly(
                    new SnapshotEntry("k", "two", 2), new SnapshotEntry("other", "x", 3));
        }
    }

    @Test
    void deleteLeavesTombstoneWithItsSeq() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("k", "v"))));
            store.append(List.of(decision(2, Write.delete("k"))));
            store.append(List.of(decision(3, Write.delete("never-written"))));
            assertThat(store.entriesAfter(null, 10)).containsExactly(
                    new SnapshotEntry("k", null, 2), new SnapshotEntry("never-written", null, 3));
        }
    }

    @Test
    void entriesAfterPagesInKeyOrderIncludingTombstones() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("d", "4"), Write.put("b", "2"), Write.put("a", "1"))));
            store.append(List.of(decision(2, Write.put("e", "5"), Write.delete("c"))));

            List<SnapshotEntry> all = new ArrayList<>();
            String after = null;
            List<SnapshotEntry> page;
            int pages = 0;
            while (!(page = store.entriesAfter(after, 2)).isEmpty()) {
                assertThat(page).hasSizeLessThanOrEqualTo(2);
                all.addAll(page);
                after = page.get(page.size() - 1).key();
                pages++;
            }
            assertThat(pages).isEqualTo(3);
            assertThat(all).containsExactly(
                    new SnapshotEntry("a", "1", 1), new SnapshotEntry("b", "2", 1), new SnapshotEntry("c", null, 2),
                    new SnapshotEntry("d", "4", 1), new SnapshotEntry("e", "5", 2));
            // afterKey need not be a stored key
            assertThat(store.entriesAfter("bb", 10)).extracting(SnapshotEntry::key).containsExactly("c", "d", "e");
        }
    }

    @Test
    void appendEntriesAfterCopiesTheStoredBytesIntoAPageAsEntriesAfterReadsThem() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("d", "4"), Write.put("b", "2"), Write.put("a", "1"), Write.put("é", "naïve ✓"))));
            store.append(List.of(decision(2, Write.put("e", ""), Write.delete("c"))));

            List<SnapshotEntry> all = new ArrayList<>();
            String after = null;
            boolean last = false;
            int pages = 0;
            while (!last) {
                SnapshotChunk.Builder page = SnapshotChunk.builder(1024);
                last = store.appendEntriesAfter(after, 2, page);
                SnapshotChunk chunk = page.build(store.lastSeq(), last);
                assertThat(chunk.entries()).isEqualTo(store.entriesAfter(after, 2));
                all.addAll(chunk.entries());
                after = chunk.lastKey();
                pages++;
            }

            assertThat(pages).isEqualTo(3);
            assertThat(all).isEqualTo(store.entriesAfter(null, 100));
            assertThat(all).contains(new SnapshotEntry("c", null, 2), new SnapshotEntry("e", "", 2),
                    new SnapshotEntry("é", "naïve ✓", 1));
        }
    }

    @Test
    void appendEntriesAfterStopsWhenThePageIsFullAndSaysSoOnlyAtTheEnd() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("a", "x".repeat(600)), Write.put("b", "y".repeat(600)),
                    Write.put("c", "z"))));

            SnapshotChunk.Builder first = SnapshotChunk.builder(1000);
            assertThat(store.appendEntriesAfter(null, 100, first)).isFalse();
            assertThat(first.count()).isEqualTo(2); // full after the second entry
            SnapshotChunk.Builder rest = SnapshotChunk.builder(1000);
            assertThat(store.appendEntriesAfter("b", 100, rest)).isTrue();
            assertThat(rest.build(1, true).entries()).containsExactly(new SnapshotEntry("c", "z", 1));
            assertThat(store.appendEntriesAfter("c", 100, SnapshotChunk.builder(1000))).isTrue();
        }
    }

    @Test
    void decisionOfFindsCommittedTransaction() {
        Decision d2 = new Decision(2, new TxId("proposer-7/42"), List.of(Write.put("k", "v"), Write.delete("gone")));
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("x", "1")), d2));
            store.recordAborted(new TxId("aborted-one"));
            assertThat(store.decisionOf(new TxId("proposer-7/42"))).contains(d2);
            assertThat(store.decisionOf(new TxId("unknown"))).isEmpty();
            assertThat(store.decisionOf(new TxId("aborted-one"))).isEmpty();
        }
        try (var store = RocksDecisionStore.open(dir)) {
            assertThat(store.decisionOf(new TxId("proposer-7/42"))).contains(d2);
        }
    }

    @Test
    void decisionsAfterReturnsAtMostMaxInSeqOrder() {
        try (var store = RocksDecisionStore.open(dir)) {
            List<Decision> all = new ArrayList<>();
            // 300 crosses a byte boundary of the big-endian key (255 -> 256), where little-endian order would break
            for (long seq = 1; seq <= 300; seq++) all.add(decision(seq, Write.put("k" + seq, "v")));
            store.append(all.subList(0, 250));
            store.append(all.subList(250, 300));
            assertThat(store.decisionsAfter(0, 1000)).containsExactlyElementsOf(all);
            assertThat(store.decisionsAfter(254, 3)).extracting(Decision::seq).containsExactly(255L, 256L, 257L);
            assertThat(store.decisionsAfter(300, 10)).isEmpty();
        }
    }

    @Test
    void abortedIsRememberedAcrossReopen() {
        TxId tx = new TxId("tx-aborted");
        try (var store = RocksDecisionStore.open(dir)) {
            assertThat(store.isAborted(tx)).isFalse();
            store.recordAborted(tx);
            store.recordAborted(tx); // outcome may be asked twice
            assertThat(store.isAborted(tx)).isTrue();
        }
        try (var store = RocksDecisionStore.open(dir)) {
            assertThat(store.isAborted(tx)).isTrue();
            assertThat(store.isAborted(new TxId("tx-other"))).isFalse();
        }
    }

    @Test
    void abortedTransactionCannotCommit() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.recordAborted(new TxId("tx-1"));
            assertThatThrownBy(() -> store.append(List.of(decision(1, Write.put("k", "v")))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tx-1");
            assertThat(store.lastSeq()).isZero();
            assertThat(store.entriesAfter(null, 10)).isEmpty();
        }
    }

    @Test
    void committedTransactionCannotCommitTwiceOrAbort() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("k", "v"))));
            Decision again = new Decision(2, new TxId("tx-1"), List.of(Write.put("k", "w")));
            assertThatThrownBy(() -> store.append(List.of(again))).isInstanceOf(IllegalStateException.class);
            Decision twiceInOneBatch = new Decision(3, new TxId("tx-2"), List.of(Write.put("k", "w")));
            assertThatThrownBy(() -> store.append(List.of(decision(2, Write.put("k", "2")), twiceInOneBatch)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.recordAborted(new TxId("tx-1"))).isInstanceOf(IllegalStateException.class);
            assertThat(store.isAborted(new TxId("tx-1"))).isFalse();
            assertThat(store.lastSeq()).isEqualTo(1);
        }
    }

    @Test
    void forEachEntryVisitsWholeStoreIncludingTombstones() {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("b", "2"), Write.put("a", "1"))));
            store.append(List.of(decision(2, Write.delete("b"))));
            List<SnapshotEntry> seen = new ArrayList<>();
            store.forEachEntry(seen::add);
            assertThat(seen).containsExactly(new SnapshotEntry("a", "1", 1), new SnapshotEntry("b", null, 2));
        }
    }

    @Test
    void stringsRoundTripExactly() {
        String key = "k\u0000\u00e9\u4e2d\ud83d\ude00";
        Decision d = new Decision(1, new TxId("tx-\ud83d\ude00"),
                List.of(Write.put(key, ""), Write.put("long", "x".repeat(100_000)), Write.delete("d")));
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(d));
        }
        try (var store = RocksDecisionStore.open(dir)) {
            assertThat(store.decisionsAfter(0, 1)).containsExactly(d);
            assertThat(store.entriesAfter(null, 10)).contains(new SnapshotEntry(key, "", 1), new SnapshotEntry("d", null, 1));
        }
    }

    @Test
    void illFormedUnicodeIsRefusedRatherThanMangled() {
        try (var store = RocksDecisionStore.open(dir)) {
            assertThatThrownBy(() -> store.append(List.of(decision(1, Write.put("lone\ud800", "v")))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.lastSeq()).isZero();
            assertThat(store.entriesAfter(null, 10)).isEmpty();
        }
    }

    @Test
    void onDiskLayoutMatchesTheDocumentedEncoding() throws Exception {
        try (var store = RocksDecisionStore.open(dir)) {
            store.append(List.of(decision(1, Write.put("k", "v"), Write.delete("d"))));
            store.recordAborted(new TxId("tx-x"));
        }
        List<ColumnFamilyHandle> h = new ArrayList<>();
        try (var options = new DBOptions(); var db = RocksDB.openReadOnly(options, dir.toString(), storeColumnFamilies(), h)) {
            try {
                byte[] seq1 = ByteBuffer.allocate(8).putLong(1).array();
                var log = new ByteArrayOutputStream();
                var out = new DataOutputStream(log);
                out.writeByte(1);
                writeString(out, "tx-1");
                out.writeInt(2);
                writeString(out, "k");
                out.writeBoolean(true);
                writeString(out, "v");
                writeString(out, "d");
                out.writeBoolean(false);
                assertThat(db.get(h.get(1), seq1)).isEqualTo(log.toByteArray());
                assertThat(db.get(h.get(2), "k".getBytes(UTF_8))).isEqualTo(entryBytes("v", 1));
                assertThat(db.get(h.get(2), "d".getBytes(UTF_8))).isEqualTo(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 1, 0});
                assertThat(db.get(h.get(3), "tx-1".getBytes(UTF_8))).isEqualTo(seq1);
                assertThat(db.get(h.get(4), "tx-x".getBytes(UTF_8))).isEmpty();
            } finally {
                h.forEach(ColumnFamilyHandle::close); // before the db, as RocksDB requires
            }
        }
    }

    @Test
    void closedStoreRefusesUse() {
        var store = RocksDecisionStore.open(dir);
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(() -> store.decisionsAfter(0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.append(List.of(decision(1, Write.put("k", "v"))))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsWithStorageFailure() {
        try (var store = RocksDecisionStore.open(dir)) {
            assertThatThrownBy(() -> RocksDecisionStore.open(dir)).isInstanceOf(StorageFailure.class)
                    .hasCauseInstanceOf(RocksDBException.class);
            assertThat(store.lastSeq()).isZero(); // the failed open left the first one alone
        }
    }

    /** The store's column families in the order it opens them, for opening its directory with RocksDB directly. */
    static List<ColumnFamilyDescriptor> storeColumnFamilies() {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String cf : List.of("log", "data", "txindex", "aborted")) descriptors.add(new ColumnFamilyDescriptor(cf.getBytes(UTF_8)));
        return descriptors;
    }

    static byte[] entryBytes(String value, long seq) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeLong(seq);
        out.writeBoolean(true);
        writeString(out, value);
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
