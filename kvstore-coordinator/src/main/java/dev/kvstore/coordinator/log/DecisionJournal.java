package dev.kvstore.coordinator.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The write-ahead journal of the decision store: what makes an append durable. Two segment files of
 * fixed size, written full of zeros when created, take the records in turn. An append writes into
 * blocks the file already has, so its {@code fdatasync} writes the data alone; an append that grew a
 * file would write the file's inode too, and waited nearly twice as long for it on a busy machine
 * (docs/performance.md, item 25).
 *
 * <p>A segment is reused only after {@code beforeReuse} has run: the store makes everything the
 * segment holds durable elsewhere first. Records left over from a segment's earlier use carry lower
 * seqs than any written since, and a reader ignores records at or below the store's own last seq.
 * Not thread-safe: the store serializes appends.
 *
 * <p>A record is {@code i32 length}, {@code i32 crc32c}, {@code i64 seq}, then {@code length}
 * payload bytes; the checksum covers the length, the seq and the payload. A segment ends at its
 * first record that is not whole and intact.
 */
final class DecisionJournal implements AutoCloseable {
    static final int DEFAULT_SEGMENT_BYTES = 4 << 20;
    static final int HEADER_BYTES = Integer.BYTES + Integer.BYTES + Long.BYTES;

    private static final String[] SEGMENT_NAMES = {"journal-0", "journal-1"};
    private static final int ZERO_CHUNK = 1 << 20;

    /** A record read back: the seq and the payload the store gave {@link #append}. */
    record Entry(long seq, byte[] payload) {}

    private final FileChannel[] segments;
    private final int segmentBytes;
    private final Runnable beforeReuse;
    private int current;
    private long position;

    private DecisionJournal(FileChannel[] segments, int segmentBytes, Runnable beforeReuse) {
        this.segments = segments;
        this.segmentBytes = segmentBytes;
        this.beforeReuse = beforeReuse;
    }

    /**
     * Opens the journal in {@code dir}, creating both segments if they are missing, and starts
     * writing at the start of the first. The caller must have made durable elsewhere everything the
     * segments hold (read it with {@link #read} first).
     */
    static DecisionJournal open(Path dir, int segmentBytes, Runnable beforeReuse) {
        if (segmentBytes < HEADER_BYTES + 1) throw new IllegalArgumentException("segment too small: " + segmentBytes);
        FileChannel[] segments = new FileChannel[SEGMENT_NAMES.length];
        try {
            for (int i = 0; i < segments.length; i++) {
                segments[i] = openSegment(dir.resolve(SEGMENT_NAMES[i]), segmentBytes);
            }
            syncDirectory(dir);
            return new DecisionJournal(segments, segmentBytes, beforeReuse);
        } catch (IOException | RuntimeException e) {
            closeAll(segments);
            throw new StorageFailure("cannot open the decision journal in " + dir, e);
        }
    }

    /** Every intact record of both segments, in no particular order; stale ones included. */
    static List<Entry> read(Path dir) {
        List<Entry> entries = new ArrayList<>();
        for (String name : SEGMENT_NAMES) {
            Path file = dir.resolve(name);
            if (!Files.exists(file)) continue;
            try {
                readSegment(ByteBuffer.wrap(Files.readAllBytes(file)), entries);
            } catch (IOException e) {
                throw new StorageFailure("cannot read the decision journal segment " + file, e);
            }
        }
        return entries;
    }

    /** Writes one record per seq and returns once they are on disk. */
    void append(long[] seqs, List<byte[]> payloads) {
        ByteBuffer records = encode(seqs, payloads);
        try {
            if (position + records.remaining() > segmentBytes) {
                if (records.remaining() > segmentBytes) {
                    appendOneByOne(seqs, payloads);
                    return;
                }
                switchSegment();
            }
            write(records);
            segments[current].force(false);
        } catch (IOException e) {
            throw new StorageFailure("journal write of seqs " + seqs[0] + ".." + seqs[seqs.length - 1] + " failed", e);
        }
    }

    @Override
    public void close() {
        closeAll(segments);
    }

    // A group too big for one segment; each record still fits one (checked).
    private void appendOneByOne(long[] seqs, List<byte[]> payloads) throws IOException {
        for (int i = 0; i < seqs.length; i++) {
            ByteBuffer record = encode(new long[] {seqs[i]}, List.of(payloads.get(i)));
            if (record.remaining() > segmentBytes) {
                throw new StorageFailure("decision " + seqs[i] + " of " + record.remaining()
                        + " bytes exceeds the journal segment of " + segmentBytes + " bytes");
            }
            if (position + record.remaining() > segmentBytes) {
                segments[current].force(false);
                switchSegment();
            }
            write(record);
        }
        segments[current].force(false);
    }

    private void switchSegment() {
        beforeReuse.run();
        current = (current + 1) % segments.length;
        position = 0;
    }

    private void write(ByteBuffer records) throws IOException {
        while (records.hasRemaining()) position += segments[current].write(records, position);
    }

    private static ByteBuffer encode(long[] seqs, List<byte[]> payloads) {
        int size = 0;
        for (byte[] payload : payloads) size += HEADER_BYTES + payload.length;
        ByteBuffer out = ByteBuffer.allocate(size);
        for (int i = 0; i < seqs.length; i++) {
            byte[] payload = payloads.get(i);
            int start = out.position();
            out.putInt(payload.length).putInt(0).putLong(seqs[i]).put(payload);
            out.putInt(start + Integer.BYTES, checksum(out.array(), start, payload.length));
        }
        return out.flip();
    }

    private static void readSegment(ByteBuffer in, List<Entry> into) {
        while (in.remaining() >= HEADER_BYTES) {
            int start = in.position();
            int length = in.getInt();
            int stored = in.getInt();
            long seq = in.getLong();
            // Zeros past the last record read as length 0 with checksum 0, which no record has.
            if (length < 0 || length > in.remaining() || seq < 1) return;
            if (checksum(in.array(), start, length) != stored) return;
            byte[] payload = new byte[length];
            in.get(payload);
            into.add(new Entry(seq, payload));
        }
    }

    // Over the record's length, seq and payload: everything but the checksum's own field.
    private static int checksum(byte[] bytes, int recordStart, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, recordStart, Integer.BYTES);
        crc.update(bytes, recordStart + 2 * Integer.BYTES, Long.BYTES + payloadLength);
        return (int) crc.getValue();
    }

    // Full of zeros, synced: appends then rewrite allocated blocks and never change the file's size.
    private static FileChannel openSegment(Path file, int segmentBytes) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (channel.size() != segmentBytes) {
                ByteBuffer zeros = ByteBuffer.allocate(Math.min(ZERO_CHUNK, segmentBytes));
                for (long at = 0; at < segmentBytes; ) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), segmentBytes - at));
                    at += channel.write(zeros, at);
                }
                channel.truncate(segmentBytes);
                channel.force(true);
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void closeAll(FileChannel[] channels) {
        for (FileChannel channel : channels) {
            if (channel == null) continue;
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing is lost: every append forced its records before it returned.
            }
        }
    }
}
