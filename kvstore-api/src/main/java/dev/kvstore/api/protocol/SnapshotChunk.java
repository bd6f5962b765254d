package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One page of the coordinator's committed store, in key order, in a compact encoding: the entries
 * are packed into a few byte blocks ({@link ByteBlocks}) instead of one serialized object per
 * key, value and entry, so that a page costs the network and the deserializer a handful of array
 * copies. Each block is at most {@link #MAX_BLOCK_BYTES}, within the deserialization filter's
 * array limit, and a page holds a bounded number of bytes (see {@link Builder}), so a snapshot of
 * any size travels as many small pages, never as one huge object.
 *
 * <p>Pages are read from the live store, so a page may hold entries newer than an earlier page's
 * {@code durableSeq}. A replica that loads every page and then applies every decision after the
 * first page's {@code durableSeq} holds the committed store, because applying is versioned.
 *
 * @param blocks the encoded entries; an entry may span two blocks
 * @param entryCount how many entries the blocks hold
 * @param lastKey the last entry's key, to ask for the next page; null when the page is empty
 * @param durableSeq every decision up to this seq was in the store when the page was read
 * @param last whether this is the final page
 */
public record SnapshotChunk(List<byte[]> blocks, int entryCount, String lastKey, long durableSeq, boolean last)
        implements Serializable {
    /** Largest block: below the deserialization filter's {@code maxarray}. */
    public static final int MAX_BLOCK_BYTES = 64 * 1024;

    public SnapshotChunk {
        blocks = List.copyOf(blocks);
        for (byte[] block : blocks) {
            if (block.length > MAX_BLOCK_BYTES) {
                throw new IllegalArgumentException("a snapshot block holds at most " + MAX_BLOCK_BYTES + " bytes, got " + block.length);
            }
        }
        if (entryCount < 0) throw new IllegalArgumentException("entryCount is not negative: " + entryCount);
        if ((entryCount == 0) != (lastKey == null)) {
            throw new IllegalArgumentException("a page names its last key exactly when it holds entries");
        }
    }

    /** A page of {@code entries}, encoded; for tests and small stores. */
    public SnapshotChunk(List<SnapshotEntry> entries, long durableSeq, boolean last) {
        this(encode(entries), entries.size(), entries.isEmpty() ? null : entries.get(entries.size() - 1).key(), durableSeq, last);
    }

    /** Receives the entries of a page, in key order; {@code value} is null for a tombstone. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(String key, String value, long seq);
    }

    /** Decodes the entries one by one, without building a list. Throws {@link IllegalArgumentException} if the blocks are malformed. */
    public void forEach(EntryVisitor visitor) {
        ByteBlocks.Reader in = new ByteBlocks.Reader(blocks);
        for (int i = 0; i < entryCount; i++) {
            String key = in.readString(in.readLength());
            long seq = in.readVarLong();
            int valueLength = in.readLength() - 1; // 0 encodes a tombstone
            String value = valueLength < 0 ? null : in.readString(valueLength);
            visitor.visit(key, value, seq);
        }
        if (!in.atEnd()) throw new IllegalArgumentException("a snapshot page has bytes after its " + entryCount + " entries");
    }

    /** The decoded entries. */
    public List<SnapshotEntry> entries() {
        List<SnapshotEntry> out = new ArrayList<>(entryCount);
        forEach((key, value, seq) -> out.add(new SnapshotEntry(key, value, seq)));
        return out;
    }

    public boolean isEmpty() {
        return entryCount == 0;
    }

    /** Blocks are compared by content (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SnapshotChunk other)) return false;
        if (entryCount != other.entryCount || durableSeq != other.durableSeq || last != other.last
                || !Objects.equals(lastKey, other.lastKey) || blocks.size() != other.blocks.size()) {
            return false;
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (!Arrays.equals(blocks.get(i), other.blocks.get(i))) return false;
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(entryCount, lastKey, durableSeq, last);
        for (byte[] block : blocks) h = 31 * h + Arrays.hashCode(block);
        return h;
    }

    @Override
    public String toString() {
        return "SnapshotChunk[" + entryCount + " entries in " + blocks.size() + " blocks, lastKey=" + lastKey
                + ", durableSeq=" + durableSeq + ", last=" + last + "]";
    }

    /** Starts a page that holds at most {@code maxBytes} of encoded entries (at least one entry, whatever its size). */
    public static Builder builder(int maxBytes) {
        return new Builder(maxBytes);
    }

    private static List<byte[]> encode(List<SnapshotEntry> entries) {
        Builder b = new Builder(Integer.MAX_VALUE);
        for (SnapshotEntry e : entries) b.add(e);
        return b.writer.finish();
    }

    /**
     * Packs entries into a page as they are read from the store, keys and values as UTF-8 bytes so
     * the store's own bytes are copied as they are. Not thread-safe.
     */
    public static final class Builder {
        private final int maxBytes;
        private final ByteBlocks.Writer writer = new ByteBlocks.Writer();
        private int count;
        private byte[] lastKey;

        private Builder(int maxBytes) {
            if (maxBytes < 1) throw new IllegalArgumentException("maxBytes is positive: " + maxBytes);
            this.maxBytes = maxBytes;
        }

        /** Whether the page has reached its byte bound: add no more. */
        public boolean isFull() {
            return writer.size() >= maxBytes;
        }

        public int count() {
            return count;
        }

        /** Adds an entry: {@code key} and {@code value[valueOffset, valueOffset + valueLength)} are well-formed UTF-8; a null value is a tombstone. */
        public Builder add(byte[] key, byte[] value, int valueOffset, int valueLength, long seq) {
            if (seq < 0) throw new IllegalArgumentException("seq is not negative: " + seq);
            writer.writeLength(key.length);
            writer.write(key, 0, key.length);
            writer.writeVarLong(seq);
            if (value == null) {
                writer.writeLength(0);
            } else {
                writer.writeLength(valueLength + 1);
                writer.write(value, valueOffset, valueLength);
            }
            count++;
            lastKey = key;
            return this;
        }

        public Builder add(SnapshotEntry entry) {
            byte[] value = entry.value() == null ? null : entry.value().getBytes(StandardCharsets.UTF_8);
            return add(entry.key().getBytes(StandardCharsets.UTF_8), value, 0, value == null ? 0 : value.length, entry.seq());
        }

        /** The page, with the store's durable seq when reading began and whether the store holds nothing after it. */
        public SnapshotChunk build(long durableSeq, boolean last) {
            String key = lastKey == null ? null : new String(lastKey, StandardCharsets.UTF_8);
            return new SnapshotChunk(writer.finish(), count, key, durableSeq, last);
        }
    }
}
