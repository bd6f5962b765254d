package dev.kvstore.api.protocol;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The compact serial form of {@link PeerBatch} and {@link DecideBatch}: their content encoded in
 * {@link ByteBlocks} instead of one Java-serialized object per message, transaction id and write.
 * A batch writes this in its place ({@code writeReplace}), and reading it rebuilds the batch
 * through the records' own validating constructors ({@code readResolve}); malformed bytes fail
 * as {@link InvalidObjectException}. Nothing in it but byte arrays reaches the deserializer.
 */
final class BatchWire implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte PEER_BATCH = 1;
    private static final byte DECIDE_BATCH = 2;
    private static final byte PREPARE = 'P';
    private static final byte COMMIT = 'C';
    private static final byte ABORT = 'A';
    /** More writes than any real transaction has; bounds what a malformed count can allocate. */
    private static final int MAX_COUNT = 1 << 16;

    private final List<byte[]> blocks;

    private BatchWire(List<byte[]> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    static BatchWire of(PeerBatch batch) {
        ByteBlocks.Writer out = new ByteBlocks.Writer();
        out.writeVarLong(PEER_BATCH);
        writeReplica(out, batch.sender());
        out.writeLength(batch.messages().size());
        for (PeerMessage m : batch.messages()) {
            if (m instanceof Prepare p) {
                out.writeVarLong(PREPARE);
                writeString(out, p.txId().value());
                writeReplica(out, p.proposer());
                out.writeVarLong(p.epoch());
                writeWrites(out, p.writes());
            } else if (m instanceof Commit c) {
                out.writeVarLong(COMMIT);
                writeString(out, c.txId().value());
                out.writeVarLong(c.seq());
            } else if (m instanceof Abort a) {
                out.writeVarLong(ABORT);
                writeString(out, a.txId().value());
            }
        }
        return new BatchWire(out.finish());
    }

    static BatchWire of(DecideBatch batch) {
        ByteBlocks.Writer out = new ByteBlocks.Writer();
        out.writeVarLong(DECIDE_BATCH);
        out.writeLength(batch.requests().size());
        for (DecideRequest r : batch.requests()) {
            writeString(out, r.txId().value());
            writeReplica(out, r.proposer());
            writeReplicas(out, r.participants());
            writeReplicas(out, r.suspects());
            writeWrites(out, r.writes());
        }
        return new BatchWire(out.finish());
    }

    private Object readResolve() throws ObjectStreamException {
        for (byte[] block : blocks) {
            if (block == null || block.length > SnapshotChunk.MAX_BLOCK_BYTES) throw new InvalidObjectException("a batch block is missing or too large");
        }
        try {
            ByteBlocks.Reader in = new ByteBlocks.Reader(blocks);
            long kind = in.readVarLong();
            Object batch;
            if (kind == PEER_BATCH) {
                batch = readPeerBatch(in);
            } else if (kind == DECIDE_BATCH) {
                batch = readDecideBatch(in);
            } else {
                throw new IllegalArgumentException("unknown batch kind " + kind);
            }
            if (!in.atEnd()) throw new IllegalArgumentException("bytes left after the batch");
            return batch;
        } catch (IllegalArgumentException | NullPointerException | IndexOutOfBoundsException malformed) {
            InvalidObjectException e = new InvalidObjectException("malformed batch: " + malformed.getMessage());
            e.initCause(malformed);
            throw e;
        }
    }

    private static PeerBatch readPeerBatch(ByteBlocks.Reader in) {
        ReplicaId sender = readReplica(in);
        int count = readCount(in, PeerBatch.MAX_MESSAGES);
        List<PeerMessage> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long tag = in.readVarLong();
            TxId txId = new TxId(readString(in));
            if (tag == PREPARE) {
                ReplicaId proposer = readReplica(in);
                long epoch = in.readVarLong();
                messages.add(new Prepare(txId, proposer, epoch, readWrites(in)));
            } else if (tag == COMMIT) {
                messages.add(new Commit(txId, in.readVarLong()));
            } else if (tag == ABORT) {
                messages.add(new Abort(txId));
            } else {
                throw new IllegalArgumentException("unknown message tag " + tag);
            }
        }
        return new PeerBatch(sender, messages);
    }

    private static DecideBatch readDecideBatch(ByteBlocks.Reader in) {
        int count = readCount(in, DecideBatch.MAX_REQUESTS);
        List<DecideRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TxId txId = new TxId(readString(in));
            ReplicaId proposer = readReplica(in);
            Set<ReplicaId> participants = readReplicas(in);
            Set<ReplicaId> suspects = readReplicas(in);
            requests.add(new DecideRequest(txId, proposer, participants, suspects, readWrites(in)));
        }
        return new DecideBatch(requests);
    }

    private static void writeWrites(ByteBlocks.Writer out, List<Write> writes) {
        out.writeLength(writes.size());
        for (Write w : writes) {
            writeString(out, w.key());
            if (w.isDelete()) {
                out.writeVarLong(0);
            } else {
                byte[] value = w.value().getBytes(StandardCharsets.UTF_8);
                out.writeVarLong(value.length + 1L);
                out.write(value, 0, value.length);
            }
        }
    }

    private static List<Write> readWrites(ByteBlocks.Reader in) {
        int count = readCount(in, MAX_COUNT);
        List<Write> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String key = readString(in);
            int valueLength = in.readLength();
            writes.add(valueLength == 0 ? Write.delete(key) : Write.put(key, in.readString(valueLength - 1)));
        }
        return writes;
    }

    private static void writeReplicas(ByteBlocks.Writer out, Set<ReplicaId> replicas) {
        out.writeLength(replicas.size());
        for (ReplicaId r : replicas) writeReplica(out, r);
    }

    private static Set<ReplicaId> readReplicas(ByteBlocks.Reader in) {
        int count = readCount(in, MAX_COUNT);
        Set<ReplicaId> replicas = new HashSet<>();
        for (int i = 0; i < count; i++) replicas.add(readReplica(in));
        return replicas;
    }

    private static void writeReplica(ByteBlocks.Writer out, ReplicaId replica) {
        writeString(out, replica.host());
        out.writeVarLong(replica.port());
    }

    private static ReplicaId readReplica(ByteBlocks.Reader in) {
        String host = readString(in);
        long port = in.readVarLong();
        if (port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
        return new ReplicaId(host, (int) port);
    }

    private static void writeString(ByteBlocks.Writer out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeLength(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static String readString(ByteBlocks.Reader in) {
        return in.readString(in.readLength());
    }

    private static int readCount(ByteBlocks.Reader in, int max) {
        int count = in.readLength();
        if (count > max) throw new IllegalArgumentException("a count of " + count + " is over " + max);
        return count;
    }
}
