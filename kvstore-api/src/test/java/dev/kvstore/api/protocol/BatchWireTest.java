package dev.kvstore.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Batches travel in a compact byte form and come back as the same validated records. */
class BatchWireTest {
    private static final ReplicaId A = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId B = new ReplicaId("replica-b.example", 2222);
    private static final TxId TX = new TxId("1111-5f3a-42");

    @Test
    void aPeerBatchOfEveryMessageKindRoundTrips() throws Exception {
        PeerBatch batch = new PeerBatch(A, List.of(
                new Prepare(TX, A, 7, List.of(Write.put("k", "v"), Write.delete("gone"), Write.put("ключ", "значение ✓"))),
                new Commit(new TxId("1111-5f3a-41"), 123_456_789_012L),
                new Abort(new TxId("1111-5f3a-40")),
                new Prepare(new TxId("t"), B, -1, List.of(Write.put("k2", "")))));

        assertThat(roundTrip(batch)).isEqualTo(batch);
    }

    @Test
    void aDecideBatchRoundTripsWithItsSets() throws Exception {
        DecideBatch batch = new DecideBatch(List.of(
                new DecideRequest(TX, A, Set.of(A, B), Set.of(), List.of(Write.put("k", "v"))),
                new DecideRequest(new TxId("2"), B, Set.of(B), Set.of(A), List.of(Write.delete("k")))));

        assertThat(roundTrip(batch)).isEqualTo(batch);
    }

    @Test
    void aValueLargerThanOneBlockIsSplitAcrossBlocksAndJoinedBackWhole() throws Exception {
        String big = "é".repeat(300_000); // 600,000 bytes of UTF-8, several blocks
        PeerBatch batch = new PeerBatch(A, List.of(new Prepare(TX, A, 1, List.of(Write.put("big", big)))));

        BatchWire wire = BatchWire.of(batch);
        assertThat(blocks(wire)).hasSizeGreaterThan(1).allSatisfy(b -> assertThat(b.length).isLessThanOrEqualTo(SnapshotChunk.MAX_BLOCK_BYTES));
        assertThat(roundTrip(batch)).isEqualTo(batch);
    }

    @Test
    void truncatedBytesAreRejectedAsAnInvalidObject() throws Exception {
        BatchWire wire = BatchWire.of(new PeerBatch(A, List.of(new Prepare(TX, A, 1, List.of(Write.put("k", "value"))))));
        List<byte[]> blocks = blocks(wire);
        byte[] only = blocks.get(0);
        setBlocks(wire, List.of(Arrays.copyOf(only, only.length - 3)));

        assertThatThrownBy(() -> readBack(serialize(wire)))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("malformed batch");
    }

    @Test
    void anUnknownMessageTagOrTrailingBytesAreRejected() throws Exception {
        BatchWire wire = BatchWire.of(new PeerBatch(A, List.of(new Abort(TX))));
        byte[] bytes = blocks(wire).get(0);

        byte[] trailing = Arrays.copyOf(bytes, bytes.length + 1);
        setBlocks(wire, List.of(trailing));
        assertThatThrownBy(() -> readBack(serialize(wire))).isInstanceOf(InvalidObjectException.class).hasMessageContaining("left after");

        byte[] wrongKind = bytes.clone();
        wrongKind[0] = 9;
        setBlocks(wire, List.of(wrongKind));
        assertThatThrownBy(() -> readBack(serialize(wire))).isInstanceOf(InvalidObjectException.class).hasMessageContaining("kind");
    }

    @Test
    void aCountOverTheBatchLimitIsRejectedBeforeAnythingIsAllocated() throws Exception {
        List<PeerMessage> many = new ArrayList<>();
        for (int i = 0; i < PeerBatch.MAX_MESSAGES; i++) many.add(new Abort(new TxId("t" + i)));
        BatchWire wire = BatchWire.of(new PeerBatch(A, many));
        byte[] bytes = blocks(wire).get(0);
        // kind (1 byte), sender host (length + 9 bytes), port (2 bytes), then the count as a varint
        int countAt = 1 + 1 + A.host().length() + 2;
        bytes[countAt] = (byte) 0xff;
        bytes[countAt + 1] = (byte) 0x7f;
        setBlocks(wire, List.of(bytes));

        assertThatThrownBy(() -> readBack(serialize(wire))).isInstanceOf(InvalidObjectException.class).hasMessageContaining("over");
    }

    private static Object roundTrip(Object batch) throws Exception {
        return readBack(serialize(batch));
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object readBack(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<byte[]> blocks(BatchWire wire) throws Exception {
        Field f = BatchWire.class.getDeclaredField("blocks");
        f.setAccessible(true);
        return (List<byte[]>) f.get(wire);
    }

    private static void setBlocks(BatchWire wire, List<byte[]> blocks) throws Exception {
        Field f = BatchWire.class.getDeclaredField("blocks");
        f.setAccessible(true);
        f.set(wire, blocks);
    }
}
