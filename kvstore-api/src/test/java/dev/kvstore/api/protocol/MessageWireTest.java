package dev.kvstore.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import dev.kvstore.api.ReplicaState;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The write path's messages travel in a compact byte form and come back as the same validated records. */
class MessageWireTest {
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

        MessageWire wire = MessageWire.of(batch);
        assertThat(blocks(wire)).hasSizeGreaterThan(1).allSatisfy(b -> assertThat(b.length).isLessThanOrEqualTo(SnapshotChunk.MAX_BLOCK_BYTES));
        assertThat(roundTrip(batch)).isEqualTo(batch);
    }

    @Test
    void truncatedBytesAreRejectedAsAnInvalidObject() throws Exception {
        MessageWire wire = MessageWire.of(new PeerBatch(A, List.of(new Prepare(TX, A, 1, List.of(Write.put("k", "value"))))));
        List<byte[]> blocks = blocks(wire);
        byte[] only = blocks.get(0);
        setBlocks(wire, List.of(Arrays.copyOf(only, only.length - 3)));

        assertThatThrownBy(() -> readBack(serialize(wire)))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("malformed message");
    }

    @Test
    void anUnknownMessageTagOrTrailingBytesAreRejected() throws Exception {
        MessageWire wire = MessageWire.of(new PeerBatch(A, List.of(new Abort(TX))));
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
        MessageWire wire = MessageWire.of(new PeerBatch(A, many));
        byte[] bytes = blocks(wire).get(0);
        // kind (1 byte), sender host (length + 9 bytes), port (2 bytes), then the count as a varint
        int countAt = 1 + 1 + A.host().length() + 2;
        bytes[countAt] = (byte) 0xff;
        bytes[countAt + 1] = (byte) 0x7f;
        setBlocks(wire, List.of(bytes));

        assertThatThrownBy(() -> readBack(serialize(wire))).isInstanceOf(InvalidObjectException.class).hasMessageContaining("over");
    }

    @Test
    void repliesAndCredentialsRoundTrip() throws Exception {
        View view = new View(4, List.of(new MemberStatus(A, ReplicaState.UP, 17, 4242), new MemberStatus(B, ReplicaState.DOWN, 0, -1)));
        PeerReply votes = new PeerReply(List.of(Vote.yes(), Vote.no("key 'k' is locked"), Vote.no("")));
        DecideReply results = new DecideReply(List.of(DecideResult.committed(99), DecideResult.refused("stale epoch", view)));
        Credential credential = new Credential("127.0.0.1:1111", 1_790_000_000_000L, -5_000_000_000L, "ab".repeat(32));

        assertThat(roundTrip(votes)).isEqualTo(votes);
        assertThat(roundTrip(results)).isEqualTo(results);
        assertThat(roundTrip(credential)).isEqualTo(credential);
    }

    @Test
    void aCallsArgumentsAndReplyDescribeNoClassButTheWireClassOnce() throws Exception {
        byte[] bytes = serialize(new Object[] {
                new PeerBatch(A, List.of(new Prepare(TX, A, 1, List.of(Write.put("k", "v"))))),
                new Credential("a", 1, 2, "mac"),
                new PeerReply(List.of(Vote.yes(), Vote.no("locked"))),
                new DecideReply(List.of(DecideResult.committed(3)))});
        String stream = new String(bytes, StandardCharsets.ISO_8859_1);

        assertThat(stream.split(MessageWire.class.getName(), -1)).hasSize(2);
        assertThat(stream).doesNotContain("Batch", "Credential", "Reply", "Vote", "Result", "java.util", "[B");
    }

    @Test
    void aBlockCountOrBlockLengthOutOfBoundsIsRejectedBeforeAnythingIsAllocated() throws Exception {
        assertThatThrownBy(() -> readExternal(1_000_000)).isInstanceOf(InvalidObjectException.class).hasMessageContaining("blocks");
        assertThatThrownBy(() -> readExternal(1, Integer.MAX_VALUE)).isInstanceOf(InvalidObjectException.class).hasMessageContaining("bytes");
        assertThatThrownBy(() -> readExternal(1, -1)).isInstanceOf(InvalidObjectException.class).hasMessageContaining("bytes");
    }

    /** Runs {@link MessageWire#readExternal} on a stream holding just these ints. */
    private static void readExternal(int... ints) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(raw)) {
            for (int i : ints) out.writeInt(i);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw.toByteArray()))) {
            new MessageWire().readExternal(in);
        }
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
    private static List<byte[]> blocks(MessageWire wire) throws Exception {
        Field f = MessageWire.class.getDeclaredField("blocks");
        f.setAccessible(true);
        return (List<byte[]>) f.get(wire);
    }

    private static void setBlocks(MessageWire wire, List<byte[]> blocks) throws Exception {
        Field f = MessageWire.class.getDeclaredField("blocks");
        f.setAccessible(true);
        f.set(wire, blocks);
    }
}
