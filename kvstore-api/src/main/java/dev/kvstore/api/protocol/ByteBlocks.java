package dev.kvstore.api.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes cut into blocks of at most {@link SnapshotChunk#MAX_BLOCK_BYTES}, each within the
 * deserialization filter's array limit, with varints and UTF-8 strings written across block
 * boundaries. Used for the compact wire forms of snapshot pages and batches ({@link MessageWire}).
 *
 * <p>A snapshot page's layout: per entry, the key's UTF-8 length (unsigned varint)
 * and bytes, the seq (unsigned varint), then 0 for a tombstone or the value's UTF-8 length + 1
 * (unsigned varint) and its bytes. The stream is cut into blocks of at most
 * {@link SnapshotChunk#MAX_BLOCK_BYTES}; a value may continue in the next block.
 */
final class ByteBlocks {
    private ByteBlocks() {}

    /** Appends to the current block and starts a new one when it is full. Not thread-safe. */
    static final class Writer {
        private final List<byte[]> full = new ArrayList<>();
        private byte[] block = new byte[1024];
        private int position;
        private long size;

        long size() {
            return size;
        }

        void writeLength(int n) {
            writeVarLong(n);
        }

        void writeVarLong(long v) {
            while ((v & ~0x7FL) != 0) {
                put((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            put((byte) v);
        }

        void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (position == block.length) grow();
                int n = Math.min(length, block.length - position);
                System.arraycopy(bytes, offset, block, position, n);
                position += n;
                offset += n;
                length -= n;
                size += n;
            }
        }

        private void put(byte b) {
            if (position == block.length) grow();
            block[position++] = b;
            size++;
        }

        // Blocks start small and double up to the maximum, so a page of one entry stays small.
        private void grow() {
            if (block.length < SnapshotChunk.MAX_BLOCK_BYTES) {
                block = Arrays.copyOf(block, Math.min(block.length * 2, SnapshotChunk.MAX_BLOCK_BYTES));
            } else {
                full.add(block);
                block = new byte[SnapshotChunk.MAX_BLOCK_BYTES];
                position = 0;
            }
        }

        List<byte[]> finish() {
            List<byte[]> blocks = new ArrayList<>(full);
            if (position > 0) blocks.add(Arrays.copyOf(block, position));
            return blocks;
        }
    }

    /** Reads the stream back across block boundaries; malformed input throws {@link IllegalArgumentException}. */
    static final class Reader {
        private final List<byte[]> blocks;
        private int index;
        private byte[] block;
        private int position;

        Reader(List<byte[]> blocks) {
            this.blocks = blocks;
            this.block = blocks.isEmpty() ? new byte[0] : blocks.get(0);
        }

        boolean atEnd() {
            while (position == block.length && index + 1 < blocks.size()) next();
            return position == block.length;
        }

        int readLength() {
            long n = readVarLong();
            if (n < 0 || n > Integer.MAX_VALUE - 1) throw new IllegalArgumentException("the encoded bytes hold a length of " + n);
            return (int) n;
        }

        long readVarLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) return v;
            }
            throw new IllegalArgumentException("the encoded bytes hold a number longer than 64 bits");
        }

        String readString(int length) {
            if (position + length <= block.length) { // the common case: within one block, no copy
                String s = new String(block, position, length, StandardCharsets.UTF_8);
                position += length;
                return s;
            }
            byte[] bytes = new byte[checkRemaining(length)];
            int done = 0;
            while (done < length) {
                if (position == block.length) next();
                int n = Math.min(length - done, block.length - position);
                System.arraycopy(block, position, bytes, done, n);
                position += n;
                done += n;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int checkRemaining(int length) {
            long remaining = block.length - position;
            for (int i = index + 1; i < blocks.size() && remaining < length; i++) remaining += blocks.get(i).length;
            if (remaining < length) throw new IllegalArgumentException("the encoded data ends inside an entry");
            return length;
        }

        private byte get() {
            while (position == block.length) next();
            return block[position++];
        }

        private void next() {
            if (index + 1 >= blocks.size()) throw new IllegalArgumentException("the encoded data ends inside an entry");
            block = blocks.get(++index);
            position = 0;
        }
    }
}
