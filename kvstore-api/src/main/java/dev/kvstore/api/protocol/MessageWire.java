package dev.kvstore.api.protocol;

import dev.kvstore.api.ReplicaState;
import java.io.Externalizable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.ObjectStreamException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The compact serial form of the messages on the write path: {@link PeerBatch},
 * {@link DecideBatch}, {@link ForwardBatch}, their replies {@link PeerReply},
 * {@link DecideReply} and {@link ForwardBatchReply}, and the
 * {@link Credential} that goes with every call. Each writes this in its place
 * ({@code writeReplace}), with its content encoded in {@link ByteBlocks}; reading it rebuilds the
 * message through the records' own validating constructors ({@code readResolve}), and malformed
 * bytes fail as {@link InvalidObjectException}.
 *
 * <p>Why one {@link Externalizable} class: RMI opens a fresh object stream for every call, so
 * every class in a call's object graph costs a class descriptor to write, and to read, resolve
 * and check, on every call. Profiles of a loaded cluster put that at about a sixth of a
 * replica's CPU while messages travelled as records, lists and arrays. Now a call's arguments
 * and its reply each carry the descriptor of this one class and raw bytes, and nothing but this
 * class reaches the deserializer.
 */
final class MessageWire implements Externalizable {
    private static final long serialVersionUID = 2L;
    private static final byte PEER_BATCH = 1;
    private static final byte DECIDE_BATCH = 2;
    private static final byte PEER_REPLY = 3;
    private static final byte DECIDE_REPLY = 4;
    private static final byte CREDENTIAL = 5;
    private static final byte FORWARD_BATCH = 6;
    private static final byte FORWARD_BATCH_REPLY = 7;
    private static final byte PREPARE = 'P';
    private static final byte COMMIT = 'C';
    private static final byte ABORT = 'A';
    /** More writes than any real transaction has; bounds what a malformed count can allocate. */
    private static final int MAX_COUNT = 1 << 16;
    /** 4 MiB in blocks: more than the largest batch (about 1 MiB plus one oversized message) needs. */
    private static final int MAX_BLOCKS = 64;

    private List<byte[]> blocks;

    /** For deserialization only. */
    public MessageWire() {
        this.blocks = List.of();
    }

    private MessageWire(List<byte[]> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    static MessageWire of(PeerBatch batch) {
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
        return new MessageWire(out.finish());
    }

    static MessageWire of(DecideBatch batch) {
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
        return new MessageWire(out.finish());
    }

    static MessageWire of(PeerReply reply) {
        ByteBlocks.Writer out = new ByteBlocks.Writer();
        out.writeVarLong(PEER_REPLY);
        out.writeLength(reply.answers().size());
        for (Vote v : reply.answers()) {
            out.writeVarLong(v.commit() ? 1 : 0);
            writeString(out, v.reason());
        }
        return new MessageWire(out.finish());
    }

    static MessageWire of(DecideReply reply) {
        ByteBlocks.Writer out = new ByteBlocks.Writer();
        out.writeVarLong(DECIDE_REPLY);
        out.writeLength(reply.results().size());
        for (DecideResult r : reply.results()) {
            if (r.isCommitted()) {
                out.writeVarLong(COMMIT);
                out.writeVarLong(r.seq());
            } else {
                out.writeVarLong(ABORT);
                writeString(out, r.refusal());
                writeView(out, r.view());
            }
        }
        return new MessageWire(out.finish());
    }

    static MessageWire of(ForwardBatch batch) {
        ByteBlocks.Writer out = new ByteBlocks.Writer();
        out.writeVarLong(FORWARD_BATCH);
        writeReplica(out, batch.sender());
        out.writeLength(batch.writes().size());
        for (List<Write> write : batch.writes()) writeWrites(out, write);
        return new MessageWire(out.finish());
    }

    static MessageWire of(ForwardBatchReply reply) {
        ByteBlocks.Writer out = new ByteBlocks.Writer();
        out.writeVarLong(FORWARD_BATCH_REPLY);
        out.writeLength(reply.replies().size());
        for (ForwardReply r : reply.replies()) {
            out.writeVarLong(r.outcome().ordinal());
            out.writeVarLong(r.presentBefore() ? 1 : 0);
            writeString(out, r.txId());
            writeString(out, r.reason());
        }
        return new MessageWire(out.finish());
    }

    static MessageWire of(Credential credential) {
        ByteBlocks.Writer out = new ByteBlocks.Writer();
        out.writeVarLong(CREDENTIAL);
        writeString(out, credential.caller());
        out.writeVarLong(credential.issuedAtMillis());
        out.writeVarLong(credential.nonce());
        writeString(out, credential.mac());
        return new MessageWire(out.finish());
    }

    /** This message's bytes in one array, as {@link Frames} carries them. */
    byte[] toBytes() {
        if (blocks.size() == 1) return blocks.get(0);
        int size = 0;
        for (byte[] block : blocks) size += block.length;
        byte[] bytes = new byte[size];
        int at = 0;
        for (byte[] block : blocks) {
            System.arraycopy(block, 0, bytes, at, block.length);
            at += block.length;
        }
        return bytes;
    }

    /** Decodes what {@link #toBytes} gave, through the records' validating constructors. */
    static Object fromBytes(byte[] bytes) throws InvalidObjectException {
        return new MessageWire(List.of(bytes)).decode();
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
        out.writeInt(blocks.size());
        for (byte[] block : blocks) {
            out.writeInt(block.length);
            out.write(block);
        }
    }

    /** Reads the blocks, bounded in number and size before anything is allocated. */
    @Override
    public void readExternal(ObjectInput in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_BLOCKS) throw new InvalidObjectException("a message of " + count + " blocks");
        List<byte[]> read = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0 || length > SnapshotChunk.MAX_BLOCK_BYTES) throw new InvalidObjectException("a message block of " + length + " bytes");
            byte[] block = new byte[length];
            in.readFully(block);
            read.add(block);
        }
        blocks = read;
    }

    private Object readResolve() throws ObjectStreamException {
        return decode();
    }

    private Object decode() throws InvalidObjectException {
        try {
            ByteBlocks.Reader in = new ByteBlocks.Reader(blocks);
            long kind = in.readVarLong();
            Object message = switch ((int) kind) {
                case PEER_BATCH -> readPeerBatch(in);
                case DECIDE_BATCH -> readDecideBatch(in);
                case PEER_REPLY -> readPeerReply(in);
                case DECIDE_REPLY -> readDecideReply(in);
                case CREDENTIAL -> readCredential(in);
                case FORWARD_BATCH -> readForwardBatch(in);
                case FORWARD_BATCH_REPLY -> readForwardBatchReply(in);
                default -> throw new IllegalArgumentException("unknown message kind " + kind);
            };
            if (!in.atEnd()) throw new IllegalArgumentException("bytes left after the message");
            return message;
        } catch (IllegalArgumentException | NullPointerException | IndexOutOfBoundsException malformed) {
            InvalidObjectException e = new InvalidObjectException("malformed message: " + malformed.getMessage());
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

    private static PeerReply readPeerReply(ByteBlocks.Reader in) {
        int count = readCount(in, PeerBatch.MAX_MESSAGES);
        List<Vote> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long commit = in.readVarLong();
            String reason = readString(in);
            if (commit != 0 && commit != 1) throw new IllegalArgumentException("a vote of " + commit);
            answers.add(commit == 1 && reason.isEmpty() ? Vote.yes() : new Vote(commit == 1, reason));
        }
        return new PeerReply(answers);
    }

    private static DecideReply readDecideReply(ByteBlocks.Reader in) {
        int count = readCount(in, DecideBatch.MAX_REQUESTS);
        List<DecideResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long tag = in.readVarLong();
            if (tag == COMMIT) {
                results.add(DecideResult.committed(in.readVarLong()));
            } else if (tag == ABORT) {
                String refusal = readString(in);
                results.add(DecideResult.refused(refusal, readView(in)));
            } else {
                throw new IllegalArgumentException("unknown result tag " + tag);
            }
        }
        return new DecideReply(results);
    }

    private static ForwardBatch readForwardBatch(ByteBlocks.Reader in) {
        ReplicaId sender = readReplica(in);
        int count = readCount(in, ForwardBatch.MAX_WRITES);
        List<List<Write>> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) writes.add(readWrites(in));
        return new ForwardBatch(sender, writes);
    }

    private static ForwardBatchReply readForwardBatchReply(ByteBlocks.Reader in) {
        int count = readCount(in, ForwardBatch.MAX_WRITES);
        List<ForwardReply> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) replies.add(readForwardReply(in));
        return new ForwardBatchReply(replies);
    }

    private static ForwardReply readForwardReply(ByteBlocks.Reader in) {
        long outcome = in.readVarLong();
        ForwardReply.Outcome[] outcomes = ForwardReply.Outcome.values();
        if (outcome >= outcomes.length) throw new IllegalArgumentException("unknown forward outcome " + outcome);
        long present = in.readVarLong();
        if (present != 0 && present != 1) throw new IllegalArgumentException("a presence flag of " + present);
        String txId = readString(in);
        return new ForwardReply(outcomes[(int) outcome], present == 1, txId, readString(in));
    }

    private static Credential readCredential(ByteBlocks.Reader in) {
        String caller = readString(in);
        long issuedAt = in.readVarLong();
        long nonce = in.readVarLong();
        return new Credential(caller, issuedAt, nonce, readString(in));
    }

    private static void writeView(ByteBlocks.Writer out, View view) {
        out.writeVarLong(view.epoch());
        out.writeLength(view.members().size());
        for (MemberStatus m : view.members()) {
            writeReplica(out, m.replica());
            writeString(out, m.state().name());
            out.writeVarLong(m.appliedSeq());
            out.writeVarLong(m.pid());
        }
    }

    private static View readView(ByteBlocks.Reader in) {
        long epoch = in.readVarLong();
        int count = readCount(in, MAX_COUNT);
        List<MemberStatus> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ReplicaId replica = readReplica(in);
            ReplicaState state = ReplicaState.valueOf(readString(in));
            long appliedSeq = in.readVarLong();
            members.add(new MemberStatus(replica, state, appliedSeq, in.readVarLong()));
        }
        return new View(epoch, members);
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
