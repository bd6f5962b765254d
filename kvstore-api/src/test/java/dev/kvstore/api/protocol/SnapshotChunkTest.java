package dev.kvstore.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact page encoding: what goes in comes out, blocks stay small, and malformed pages are refused. */
class SnapshotChunkTest {
    private static final List<SnapshotEntry> MIXED = List.of(
            new SnapshotEntry("a", "1", 3),
            new SnapshotEntry("b", null, 4), // tombstone
            new SnapshotEntry("c", "", 5), // empty value, not a tombstone
            new SnapshotEntry("dé", "naïve ✓ 😀", 6),
            new SnapshotEntry("e", "x", Long.MAX_VALUE));

    @Test
    void entriesComeBackAsTheyWentIn() {
        SnapshotChunk chunk = new SnapshotChunk(MIXED, 9, false);

        assertThat(chunk.entries()).containsExactlyElementsOf(MIXED);
        assertThat(chunk.entryCount()).isEqualTo(5);
        assertThat(chunk.lastKey()).isEqualTo("e");
        assertThat(chunk.durableSeq()).isEqualTo(9);
        assertThat(chunk.last()).isFalse();
    }

    @Test
    void anEmptyPageHasNoLastKey() {
        SnapshotChunk chunk = new SnapshotChunk(List.of(), 0, true);

        assertThat(chunk.isEmpty()).isTrue();
        assertThat(chunk.lastKey()).isNull();
        assertThat(chunk.blocks()).isEmpty();
        assertThat(chunk.entries()).isEmpty();
    }

    @Test
    void valuesLargerThanABlockSpanSeveralBlocksEachWithinTheLimit() {
        String big = "v".repeat(3 * SnapshotChunk.MAX_BLOCK_BYTES + 17);
        List<SnapshotEntry> entries = List.of(new SnapshotEntry("a", "small", 1), new SnapshotEntry("b", big, 2),
                new SnapshotEntry("c", "after", 3));

        SnapshotChunk chunk = new SnapshotChunk(entries, 3, true);

        assertThat(chunk.blocks()).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(block -> assertThat(block.length).isLessThanOrEqualTo(SnapshotChunk.MAX_BLOCK_BYTES));
        assertThat(chunk.entries()).containsExactlyElementsOf(entries);
    }

    @Test
    void theBuilderStopsAtItsByteBoundButAlwaysTakesOneEntry() {
        SnapshotChunk.Builder page = SnapshotChunk.builder(100);
        assertThat(page.isFull()).isFalse();

        page.add(new SnapshotEntry("k1", "x".repeat(500), 1));

        assertThat(page.isFull()).isTrue();
        assertThat(page.count()).isEqualTo(1);
        assertThat(page.build(1, false).entries()).extracting(SnapshotEntry::key).containsExactly("k1");
    }

    @Test
    void theBuilderCopiesAValueFromTheMiddleOfAnArray() {
        byte[] stored = "HEADERvalueTRAILER".getBytes(StandardCharsets.UTF_8);

        SnapshotChunk chunk = SnapshotChunk.builder(1024)
                .add("k".getBytes(StandardCharsets.UTF_8), stored, 6, 5, 7)
                .add("l".getBytes(StandardCharsets.UTF_8), null, 0, 0, 8)
                .build(8, true);

        assertThat(chunk.entries()).containsExactly(new SnapshotEntry("k", "value", 7), new SnapshotEntry("l", null, 8));
        assertThat(chunk.lastKey()).isEqualTo("l");
        assertThat(chunk.last()).isTrue();
    }

    @Test
    void equalPagesAreEqualByContent() {
        assertThat(new SnapshotChunk(MIXED, 9, false)).isEqualTo(new SnapshotChunk(MIXED, 9, false))
                .hasSameHashCodeAs(new SnapshotChunk(MIXED, 9, false))
                .isNotEqualTo(new SnapshotChunk(MIXED, 10, false))
                .isNotEqualTo(new SnapshotChunk(MIXED.subList(0, 4), 9, false));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        SnapshotChunk chunk = new SnapshotChunk(MIXED, 9, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(chunk);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(chunk);
        }
    }

    @Test
    void refusesABlockOverTheLimit() {
        byte[] tooBig = new byte[SnapshotChunk.MAX_BLOCK_BYTES + 1];

        assertThatThrownBy(() -> new SnapshotChunk(List.of(tooBig), 1, "k", 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    @Test
    void refusesALastKeyThatDoesNotMatchTheCount() {
        assertThatThrownBy(() -> new SnapshotChunk(List.of(), 0, "k", 1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnapshotChunk(List.of(new byte[1]), 1, null, 1, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SnapshotChunk(List.of(), -1, null, 1, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageThatEndsInsideAnEntryIsRefusedWhenRead() {
        SnapshotChunk whole = new SnapshotChunk(MIXED, 9, false);
        byte[] block = whole.blocks().get(0);
        SnapshotChunk cut = new SnapshotChunk(List.of(Arrays.copyOf(block, block.length - 3)), 5, "e", 9, false);

        assertThatThrownBy(cut::entries).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends inside");
    }

    @Test
    void aPageWithMoreBytesThanItsEntriesIsRefusedWhenRead() {
        SnapshotChunk whole = new SnapshotChunk(MIXED, 9, false);
        SnapshotChunk fewer = new SnapshotChunk(whole.blocks(), 4, "e", 9, false);

        assertThatThrownBy(fewer::entries).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after its");
    }

    @Test
    void aLengthBeyondAnIntIsRefusedWhenRead() {
        byte[] hugeLength = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};

        SnapshotChunk bad = new SnapshotChunk(List.of(hugeLength), 1, "k", 1, true);

        assertThatThrownBy(bad::entries).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyEntriesFillSeveralBlocks() {
        List<SnapshotEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) entries.add(new SnapshotEntry(String.format("k%05d", i), "v".repeat(i % 200), i + 1));

        SnapshotChunk chunk = new SnapshotChunk(entries, 5_000, true);

        assertThat(chunk.blocks()).hasSizeGreaterThan(1);
        assertThat(chunk.entries()).containsExactlyElementsOf(entries);
    }
}
