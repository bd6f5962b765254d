package dev.kvstore.coordinator.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision store's write-ahead journal: two zero-filled segments written in turn. */
class DecisionJournalTest {
    private static final int SEGMENT = 4096;

    @TempDir
    Path dir;

    @Test
    void newSegmentsAreFullOfZerosAndHoldNoRecords() throws Exception {
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> {})) {
            assertThat(DecisionJournal.read(dir)).isEmpty();
        }
        for (String name : List.of("journal-0", "journal-1")) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            assertThat(bytes).hasSize(SEGMENT).containsOnly(0);
        }
    }

    @Test
    void appendedRecordsReadBackWithTheirSeqsAndPayloads() {
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> {})) {
            journal.append(new long[] {1, 2}, List.of(bytes("one"), bytes("two")));
            journal.append(new long[] {3}, List.of(bytes("")));
        }
        assertThat(seqs(DecisionJournal.read(dir))).containsExactly(1L, 2L, 3L);
        assertThat(DecisionJournal.read(dir)).extracting(e -> new String(e.payload(), UTF_8)).containsExactly("one", "two", "");
    }

    @Test
    void appendsNeverChangeASegmentsSize() throws Exception {
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> {})) {
            for (long seq = 1; seq <= 100; seq++) journal.append(new long[] {seq}, List.of(bytes("value-" + seq)));
        }
        assertThat(Files.size(dir.resolve("journal-0"))).isEqualTo(SEGMENT);
        assertThat(Files.size(dir.resolve("journal-1"))).isEqualTo(SEGMENT);
    }

    @Test
    void aDamagedRecordEndsItsSegment() throws Exception {
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> {})) {
            journal.append(new long[] {1, 2, 3}, List.of(bytes("one"), bytes("two"), bytes("three")));
        }
        int secondPayload = DecisionJournal.HEADER_BYTES + 3 + DecisionJournal.HEADER_BYTES;
        try (var file = new RandomAccessFile(dir.resolve("journal-0").toFile(), "rw")) {
            file.seek(secondPayload);
            file.write('T');
        }
        assertThat(seqs(DecisionJournal.read(dir))).containsExactly(1L);
    }

    @Test
    void aFullSegmentIsLeftOnlyAfterBeforeReuseRanAndItsRecordsStayReadableUntilThen() {
        List<List<Long>> readableAtEachSwitch = new ArrayList<>();
        long written;
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> readableAtEachSwitch.add(seqs(DecisionJournal.read(dir))))) {
            for (written = 1; readableAtEachSwitch.size() < 3; written++) {
                journal.append(new long[] {written}, List.of(new byte[100]));
            }
        }
        // 35 records of 116 bytes fill a 4 KiB segment; every record written before a switch is still there.
        assertThat(readableAtEachSwitch.get(0)).containsExactlyInAnyOrderElementsOf(range(1, 35));
        assertThat(readableAtEachSwitch.get(1)).containsExactlyInAnyOrderElementsOf(range(1, 70));
        assertThat(readableAtEachSwitch.get(2)).containsAll(range(36, 105));
        assertThat(seqs(DecisionJournal.read(dir))).containsAll(range(71, written - 1));
    }

    @Test
    void aGroupBiggerThanASegmentSpillsIntoTheNext() {
        int[] switches = {0};
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 50; i++) payloads.add(new byte[100]);
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> switches[0]++)) {
            journal.append(LongStream.rangeClosed(1, 50).toArray(), payloads);
        }
        assertThat(switches[0]).isEqualTo(1);
        assertThat(seqs(DecisionJournal.read(dir))).containsExactlyInAnyOrderElementsOf(range(1, 50));
    }

    @Test
    void aRecordBiggerThanASegmentIsRefused() {
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> {})) {
            assertThatThrownBy(() -> journal.append(new long[] {1}, List.of(new byte[SEGMENT])))
                    .isInstanceOf(StorageFailure.class).hasMessageContaining("exceeds the journal segment");
        }
    }

    @Test
    void reopeningWritesFromTheStartAgainAndLeavesOlderRecordsBehindIt() {
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> {})) {
            journal.append(new long[] {1, 2, 3}, List.of(bytes("aaaa"), bytes("bbbb"), bytes("cccc")));
        }
        try (var journal = DecisionJournal.open(dir, SEGMENT, () -> {})) {
            journal.append(new long[] {4}, List.of(bytes("dddd")));
        }
        // Record 4 overwrote record 1 exactly; 2 and 3 are stale now, and the store ignores them by their seqs.
        assertThat(seqs(DecisionJournal.read(dir))).containsExactly(4L, 2L, 3L);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static List<Long> seqs(List<DecisionJournal.Entry> entries) {
        return entries.stream().map(DecisionJournal.Entry::seq).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
