package dev.kvstore.coordinator.log;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Filter;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DecisionStore} on RocksDB: column families "log" (seq to decision), "data" (key to value and seq),
 * "txindex" (tx id to seq) and "aborted" (tx ids). Thread-safe; writes are serialized, reads run concurrently.
 * An append is one atomic WriteBatch, made durable by the {@link DecisionJournal} before RocksDB sees it and
 * written to RocksDB without a sync: RocksDB's own log then holds it in the operating system's cache, where it
 * survives the process but not the machine. On open, decisions the journal holds beyond RocksDB's last seq are
 * applied again. Anything else is written with sync=true. Keys are ordered by their UTF-8 bytes, which is Unicode
 * code point order.
 */
public final class RocksDecisionStore implements DecisionStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDecisionStore.class);

    static final String LOG_CF = "log";
    static final String DATA_CF = "data";
    static final String TXINDEX_CF = "txindex";
    static final String ABORTED_CF = "aborted";

    /** First byte of every encoded record, so a later format can still read this one. */
    private static final byte FORMAT = 1;

    private static final byte[] PRESENT = new byte[0];

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final Filter bloom;
    private final WriteOptions syncWrite;
    private final WriteOptions unsyncedWrite;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final ColumnFamilyHandle log;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle txindex;
    private final ColumnFamilyHandle aborted;
    // Set once in open(), after the journal's records were applied; every append goes through it.
    private volatile DecisionJournal journal;

    // Every operation holds the read lock and close() the write lock: touching a closed RocksDB
    // handle crashes the JVM instead of throwing.
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    // Serializes writers so that the seq check, the guard reads and the batch are one step.
    private final Object writeLock = new Object();
    private volatile long lastSeq;
    private boolean closed;

    private RocksDecisionStore(Path dir, DBOptions dbOptions, ColumnFamilyOptions cfOptions, Filter bloom,
            WriteOptions syncWrite, WriteOptions unsyncedWrite, RocksDB db, List<ColumnFamilyHandle> handles,
            long lastSeq) {
        this.dir = dir;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.bloom = bloom;
        this.syncWrite = syncWrite;
        this.unsyncedWrite = unsyncedWrite;
        this.db = db;
        this.handles = List.copyOf(handles);
        this.log = handles.get(1);
        this.data = handles.get(2);
        this.txindex = handles.get(3);
        this.aborted = handles.get(4);
        this.lastSeq = lastSeq;
    }

    /** Opens the store in {@code dir}, creating the directory and the column families if needed. */
    public static RocksDecisionStore open(Path dir) {
        return open(dir, DecisionJournal.DEFAULT_SEGMENT_BYTES);
    }

    /** {@link #open(Path)} with journal segments of {@code segmentBytes}; tests use small ones. */
    static RocksDecisionStore open(Path dir, int segmentBytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageFailure("cannot create the decision store directory " + dir, e);
        }
        DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        // Most lookups on the write path miss: each decision's tx id is looked up in txindex and
        // aborted before it is written there, and without a filter a miss searches the memtable
        // and then every table file that might hold the key. Bloom filters, in the memtable and
        // in every table file, answer most misses without searching.
        Filter bloom = new BloomFilter(10);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloom))
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true);
        WriteOptions syncWrite = new WriteOptions().setSync(true);
        WriteOptions unsyncedWrite = new WriteOptions().setSync(false);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        for (String name : List.of(LOG_CF, DATA_CF, TXINDEX_CF, ABORTED_CF)) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            long recovered = readLastSeq(db, handles.get(1));
            RocksDecisionStore store = new RocksDecisionStore(dir, dbOptions, cfOptions, bloom, syncWrite, unsyncedWrite,
                    db, handles, recovered);
            store.applyJournal();
            store.checkNoEntryBeyondLog();
            store.journal = DecisionJournal.open(dir, segmentBytes, store::syncRocksLog);
            LOG.info("recovered decision log at seq {} from {} (seq {} from RocksDB)", store.lastSeq, dir, recovered);
            return store;
        } catch (RocksDBException | RuntimeException e) {
            handles.forEach(ColumnFamilyHandle::close);
            if (db != null) db.close();
            syncWrite.close();
            unsyncedWrite.close();
            cfOptions.close();
            bloom.close();
            dbOptions.close();
            if (e instanceof RocksDBException) throw new StorageFailure("cannot open the decision store in " + dir, e);
            throw (RuntimeException) e;
        }
    }

    /**
     * Applies the journal's decisions beyond RocksDB's last seq (RocksDB lost its unsynced tail with the
     * machine, not with the process), then syncs RocksDB's log, so that the journal may be rewritten from its start.
     */
    private void applyJournal() throws RocksDBException {
        TreeMap<Long, byte[]> ahead = new TreeMap<>();
        for (DecisionJournal.Entry e : DecisionJournal.read(dir)) {
            if (e.seq() <= lastSeq) continue;
            byte[] other = ahead.putIfAbsent(e.seq(), e.payload());
            if (other != null && !Arrays.equals(other, e.payload())) {
                throw new StorageFailure("the decision journal in " + dir + " holds two different decisions at seq " + e.seq());
            }
        }
        long expected = lastSeq + 1;
        for (long seq : ahead.keySet()) {
            if (seq != expected++) {
                throw new StorageFailure("the decision journal in " + dir + " holds seq " + seq + " but not seq "
                        + (expected - 1) + " after the store's seq " + lastSeq + ": refusing to open rather than lose decisions");
            }
        }
        List<Decision> decisions = new ArrayList<>(ahead.size());
        ahead.forEach((seq, payload) -> decisions.add(decodeDecision(seq, payload)));
        if (!decisions.isEmpty()) {
            synchronized (writeLock) {
                try (WriteBatch batch = batchOf(decisions, new ArrayList<>())) {
                    db.write(unsyncedWrite, batch);
                }
                lastSeq = decisions.get(decisions.size() - 1).seq();
            }
            LOG.warn("applied decisions {}..{} from the journal: RocksDB had lost them", decisions.get(0).seq(), lastSeq);
        }
        db.syncWal();
    }

    /**
     * Refuses to open a store holding an entry newer than its log. {@link #batchOf} writes each key without reading
     * its stored entry, trusting that only logged decisions wrote entries; a store that breaks this was not
     * written by this class, and an append would leave its data at odds with its log.
     */
    private void checkNoEntryBeyondLog() throws RocksDBException {
        try (RocksIterator it = db.newIterator(data)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                long seq = entrySeq(it.value());
                if (seq > lastSeq) {
                    throw new StorageFailure("the decision store in " + dir + " holds key '"
                            + new String(it.key(), StandardCharsets.UTF_8) + "' at seq " + seq
                            + ", beyond its log's last seq " + lastSeq + ": it was not written by this store");
                }
            }
            it.status();
        }
    }

    private void syncRocksLog() {
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw new StorageFailure("syncing RocksDB's log before reusing a journal segment failed", e);
        }
    }

    private static long readLastSeq(RocksDB db, ColumnFamilyHandle log) throws RocksDBException {
        try (RocksIterator it = db.newIterator(log)) {
            it.seekToLast();
            if (!it.isValid()) {
                it.status();
                return 0;
            }
            return seqOfKey(it.key());
        }
    }

    @Override
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public void append(List<Decision> decisions) {
        if (decisions.isEmpty()) return;
        Lock lock = openLock();
        try {
            synchronized (writeLock) {
                appendLocked(decisions);
            }
        } catch (RocksDBException e) {
            throw new StorageFailure("append of decisions " + decisions.get(0).seq() + ".."
                    + decisions.get(decisions.size() - 1).seq() + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void appendLocked(List<Decision> decisions) throws RocksDBException {
        long expected = lastSeq + 1;
        long[] seqs = new long[decisions.size()];
        for (int i = 0; i < seqs.length; i++) {
            Decision d = decisions.get(i);
            if (d.seq() != expected) {
                throw new IllegalArgumentException("decisions must continue the log at seq " + expected + ", got seq " + d.seq());
            }
            seqs[i] = expected++;
        }
        List<byte[]> encoded = new ArrayList<>(decisions.size());
        try (WriteBatch batch = batchOf(decisions, encoded)) {
            // Durable first, visible after: nobody reads a decision from RocksDB that a crash of the machine could undo.
            journal.append(seqs, encoded);
            db.write(unsyncedWrite, batch);
        }
        lastSeq = decisions.get(decisions.size() - 1).seq();
    }

    /**
     * The batch that applies {@code decisions} to the store as it is now; adds each decision's encoding to
     * {@code encoded}. Throws if a decision's transaction is already committed or was decided ABORT.
     */
    private WriteBatch batchOf(List<Decision> decisions, List<byte[]> encoded) throws RocksDBException {
        // Tx ids this batch already wrote: the db cannot see them until the batch is written.
        Set<TxId> batchTxIds = new HashSet<>();
        WriteBatch batch = new WriteBatch();
        try {
            for (Decision d : decisions) {
                byte[] tx = utf8(d.txId().value());
                if (!batchTxIds.add(d.txId()) || db.get(txindex, tx) != null) {
                    throw new IllegalStateException("Transaction " + d.txId() + " is already committed; it cannot commit twice.");
                }
                if (db.get(aborted, tx) != null) {
                    throw new IllegalStateException("Transaction " + d.txId() + " was decided ABORT; it cannot commit.");
                }
                byte[] seqKey = seqKey(d.seq());
                byte[] decision = encodeDecision(d);
                encoded.add(decision);
                batch.put(log, seqKey, decision);
                batch.put(txindex, tx, seqKey);
                // Versioned apply, as on the replicas: a key never moves backwards, and of two writes of one key
                // in one transaction the first wins (same seq is not newer). The stored entry need not be read:
                // only this method writes entries, each at its decision's seq, and seqs continue the log, so
                // every entry stored or batched before d is older than d.
                Set<String> keysOfTx = new HashSet<>();
                for (Write w : d.writes()) {
                    if (keysOfTx.add(w.key())) batch.put(data, utf8(w.key()), encodeEntry(w.value(), d.seq()));
                }
            }
            return batch;
        } catch (RocksDBException | RuntimeException e) {
            batch.close();
            throw e;
        }
    }

    @Override
    public void recordAborted(TxId txId) {
        Lock lock = openLock();
        try {
            synchronized (writeLock) {
                byte[] tx = utf8(txId.value());
                byte[] committedAt = db.get(txindex, tx);
                if (committedAt != null) {
                    throw new IllegalStateException("Transaction " + txId + " is committed at seq "
                            + seqOfKey(committedAt) + "; it cannot be decided ABORT.");
                }
                db.put(aborted, syncWrite, tx, PRESENT);
            }
        } catch (RocksDBException e) {
            throw new StorageFailure("recording abort of " + txId + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isAborted(TxId txId) {
        Lock lock = openLock();
        try {
            return db.get(aborted, utf8(txId.value())) != null;
        } catch (RocksDBException e) {
            throw new StorageFailure("reading abort of " + txId + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Decision> decisionOf(TxId txId) {
        Lock lock = openLock();
        try {
            byte[] seqKey = db.get(txindex, utf8(txId.value()));
            if (seqKey == null) return Optional.empty();
            byte[] decision = db.get(log, seqKey);
            if (decision == null) {
                throw new StorageFailure("tx index points " + txId + " at seq " + seqOfKey(seqKey) + ", which is not in the log");
            }
            return Optional.of(decodeDecision(seqOfKey(seqKey), decision));
        } catch (RocksDBException e) {
            throw new StorageFailure("reading the decision of " + txId + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Decision> decisionsAfter(long afterSeq, int max) {
        requirePositive(max);
        Lock lock = openLock();
        // An iterator reads one consistent point in time, so a page never shows half a batch.
        try (RocksIterator it = db.newIterator(log)) {
            List<Decision> page = new ArrayList<>();
            for (it.seek(seqKey(Math.max(afterSeq, 0) + 1)); it.isValid() && page.size() < max; it.next()) {
                page.add(decodeDecision(seqOfKey(it.key()), it.value()));
            }
            it.status();
            return page;
        } catch (RocksDBException e) {
            throw new StorageFailure("reading decisions after seq " + afterSeq + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SnapshotEntry> entriesAfter(String afterKey, int max) {
        requirePositive(max);
        Lock lock = openLock();
        try (RocksIterator it = db.newIterator(data)) {
            seekAfter(it, afterKey);
            List<SnapshotEntry> page = new ArrayList<>();
            for (; it.isValid() && page.size() < max; it.next()) {
                page.add(decodeEntry(new String(it.key(), StandardCharsets.UTF_8), it.value()));
            }
            it.status();
            return page;
        } catch (RocksDBException e) {
            throw new StorageFailure("reading entries after key " + afterKey + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /** Copies the stored key and value bytes into the page as they are: no strings, no entry objects. */
    @Override
    public boolean appendEntriesAfter(String afterKey, int max, SnapshotChunk.Builder page) {
        requirePositive(max);
        Lock lock = openLock();
        try (RocksIterator it = db.newIterator(data)) {
            seekAfter(it, afterKey);
            for (; it.isValid() && page.count() < max && !page.isFull(); it.next()) {
                addRawEntry(page, it.key(), it.value());
            }
            it.status();
            return !it.isValid();
        } catch (RocksDBException e) {
            throw new StorageFailure("reading entries after key " + afterKey + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    private static void seekAfter(RocksIterator it, String afterKey) {
        if (afterKey == null) {
            it.seekToFirst();
        } else {
            byte[] after = utf8(afterKey);
            it.seek(after);
            if (it.isValid() && Arrays.equals(it.key(), after)) it.next();
        }
    }

    /** The seq of an entry in the layout encodeEntry writes, without decoding its value. */
    private static long entrySeq(byte[] entry) {
        if (entry.length < 1 + Long.BYTES || entry[0] != FORMAT) throw new StorageFailure("corrupt entry of " + entry.length + " bytes");
        return ByteBuffer.wrap(entry, 1, Long.BYTES).getLong();
    }

    // The layout encodeEntry writes: FORMAT, seq, present flag, then the value's length and UTF-8 bytes.
    private static void addRawEntry(SnapshotChunk.Builder page, byte[] key, byte[] entry) {
        ByteBuffer in = ByteBuffer.wrap(entry);
        try {
            if (in.get() != FORMAT) throw new StorageFailure("unknown record format " + entry[0]);
            long seq = in.getLong();
            boolean present = in.get() != 0;
            if (!present) {
                if (in.hasRemaining()) throw new StorageFailure("corrupt record: " + in.remaining() + " trailing bytes");
                page.add(key, null, 0, 0, seq);
                return;
            }
            int length = in.getInt();
            if (length < 0 || length != in.remaining()) throw new StorageFailure("corrupt record: value length " + length);
            page.add(key, entry, in.position(), length, seq);
        } catch (java.nio.BufferUnderflowException e) {
            throw new StorageFailure("corrupt record of " + entry.length + " bytes", e);
        }
    }

    @Override
    public void forEachEntry(Consumer<SnapshotEntry> action) {
        Lock lock = openLock();
        try (RocksIterator it = db.newIterator(data)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                action.accept(decodeEntry(new String(it.key(), StandardCharsets.UTF_8), it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageFailure("reading the committed store failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            if (journal != null) journal.close();
            handles.forEach(ColumnFamilyHandle::close);
            try {
                db.closeE();
            } catch (RocksDBException e) {
                throw new StorageFailure("closing the decision store in " + dir + " failed", e);
            } finally {
                syncWrite.close();
                unsyncedWrite.close();
                cfOptions.close();
                bloom.close();
                dbOptions.close();
            }
            LOG.info("closed decision store at seq {}", lastSeq);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private Lock openLock() {
        Lock lock = lifecycle.readLock();
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("This decision store is closed; it cannot be used after close().");
        }
        return lock;
    }

    private static void requirePositive(int max) {
        if (max < 1) throw new IllegalArgumentException("max must be at least 1: " + max);
    }

    // ---- encoding: explicit, versioned, never Java serialization ----

    // Big-endian, so RocksDB's bytewise order is seq order (seqs are positive).
    private static byte[] seqKey(long seq) {
        return ByteBuffer.allocate(Long.BYTES).putLong(seq).array();
    }

    private static long seqOfKey(byte[] key) {
        if (key.length != Long.BYTES) throw new StorageFailure("corrupt seq key of " + key.length + " bytes");
        return ByteBuffer.wrap(key).getLong();
    }

    // Strict: String.getBytes would silently turn a lone surrogate into '?', and the coordinator's copy
    // would then differ from the replicas'.
    private static byte[] utf8(String s) {
        try {
            ByteBuffer buf = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            return Arrays.copyOf(buf.array(), buf.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not well-formed Unicode (a lone surrogate?): " + s, e);
        }
    }

    static byte[] encodeDecision(Decision d) {
        return encode(out -> {
            out.writeByte(FORMAT);
            writeString(out, d.txId().value());
            out.writeInt(d.writes().size());
            for (Write w : d.writes()) {
                writeString(out, w.key());
                writeOptionalString(out, w.value());
            }
        });
    }

    private static Decision decodeDecision(long seq, byte[] bytes) {
        return decode(bytes, in -> {
            TxId txId = new TxId(readString(in));
            int n = in.readInt();
            if (n < 0) throw new IOException("negative write count " + n);
            List<Write> writes = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                writes.add(new Write(readString(in), readOptionalString(in)));
            }
            return new Decision(seq, txId, writes);
        });
    }

    private static byte[] encodeEntry(String value, long seq) {
        return encode(out -> {
            out.writeByte(FORMAT);
            out.writeLong(seq);
            writeOptionalString(out, value);
        });
    }

    private static SnapshotEntry decodeEntry(String key, byte[] bytes) {
        return decode(bytes, in -> {
            long seq = in.readLong();
            return new SnapshotEntry(key, readOptionalString(in), seq);
        });
    }

    private interface Encoder {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Decoder<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] encode(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encoder.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a byte array cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static <T> T decode(byte[] bytes, Decoder<T> decoder) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) throw new StorageFailure("unknown record format " + format);
            T value = decoder.read(in);
            if (in.available() != 0) throw new StorageFailure("corrupt record: " + in.available() + " trailing bytes");
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw new StorageFailure("corrupt record of " + bytes.length + " bytes", e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = utf8(s);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void writeOptionalString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) writeString(out, s);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("string length " + n + " out of range");
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static String readOptionalString(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
