package dev.kvstore.bench.restart;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.coordinator.CoordinatorServer;
import dev.kvstore.coordinator.log.RocksDecisionStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a coordinator's data directory with a committed store of {@code k0..kN-1}, offline and
 * before the coordinator starts: the keys go straight into its {@link RocksDecisionStore} as
 * committed decisions of many writes each, which is what a million client writes would have left
 * there, minus the hours. A marker file records what was seeded, so a later run on the same
 * directory reuses it. For one thread.
 */
public final class StoreSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSeeder.class);

    /** Records what this class seeded, beside the coordinator's own files. */
    static final String MARKER = "bench-restart-store.properties";
    /** Writes per decision: large decisions keep the log short; one decision is far below any page size in bytes. */
    static final int KEYS_PER_DECISION = 1_000;
    /** Decisions per append: one RocksDB write batch and one fsync each. */
    static final int DECISIONS_PER_APPEND = 20;

    private StoreSeeder() {}

    /** What a seeded directory holds. */
    public record Seeded(int keys, int valueSize, long seed, long lastSeq, boolean reused) {}

    /**
     * Seeds {@code coordinatorDataDir} with {@code keys} keys of {@code valueSize} printable ASCII
     * characters each, or reuses it when an earlier run seeded exactly that. A directory that
     * holds some other store is refused.
     */
    public static Seeded seed(Path coordinatorDataDir, int keys, int valueSize, long seed) throws IOException {
        if (keys < 1) throw new IllegalArgumentException("keys must be at least 1, got " + keys);
        if (valueSize < 1) throw new IllegalArgumentException("valueSize must be at least 1, got " + valueSize);
        Files.createDirectories(coordinatorDataDir);
        Path marker = coordinatorDataDir.resolve(MARKER);
        Path storeDir = CoordinatorServer.storeDir(coordinatorDataDir);
        if (Files.exists(marker)) {
            Properties p = load(marker);
            if (Integer.parseInt(p.getProperty("keys")) == keys && Integer.parseInt(p.getProperty("valueSize")) == valueSize
                    && Long.parseLong(p.getProperty("seed")) == seed) {
                long lastSeq = Long.parseLong(p.getProperty("lastSeq"));
                LOG.info("reusing the store of {} keys of {} bytes seeded earlier in {}", keys, valueSize, storeDir);
                return new Seeded(keys, valueSize, seed, lastSeq, true);
            }
            throw new IllegalStateException(coordinatorDataDir + " holds a store seeded with " + p
                    + "; use another --data-dir for " + keys + " keys of " + valueSize + " bytes");
        }
        if (Files.exists(storeDir)) {
            throw new IllegalStateException(storeDir + " already holds a coordinator store that this tool did not seed; "
                    + "use an empty --data-dir");
        }
        long began = System.nanoTime();
        long lastSeq;
        try (RocksDecisionStore store = RocksDecisionStore.open(storeDir)) {
            lastSeq = write(store, keys, valueSize, seed);
        }
        Properties p = new Properties();
        p.setProperty("keys", Integer.toString(keys));
        p.setProperty("valueSize", Integer.toString(valueSize));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("lastSeq", Long.toString(lastSeq));
        try (Writer w = Files.newBufferedWriter(marker, StandardCharsets.UTF_8)) {
            p.store(w, "written by kvstore-bench restart; the coordinator's store beside it holds these keys");
        }
        LOG.info("seeded {} keys of {} bytes in {} decisions into {} in {} ms", keys, valueSize, lastSeq, storeDir,
                (System.nanoTime() - began) / 1_000_000);
        return new Seeded(keys, valueSize, seed, lastSeq, false);
    }

    /** The key number {@code i}, as every KVStore benchmark names them. */
    static String key(int i) {
        return "k" + i;
    }

    private static long write(RocksDecisionStore store, int keys, int valueSize, long seed) {
        if (store.lastSeq() != 0) throw new IllegalStateException("the store to seed is not empty: it is at seq " + store.lastSeq());
        SplittableRandom random = new SplittableRandom(seed);
        long seq = 0;
        List<Decision> batch = new ArrayList<>(DECISIONS_PER_APPEND);
        for (int first = 0; first < keys; first += KEYS_PER_DECISION) {
            int last = Math.min(keys, first + KEYS_PER_DECISION);
            List<Write> writes = new ArrayList<>(last - first);
            for (int i = first; i < last; i++) writes.add(Write.put(key(i), value(random, valueSize)));
            seq++;
            batch.add(new Decision(seq, new TxId("bench-seed-" + seq), writes));
            if (batch.size() == DECISIONS_PER_APPEND) {
                store.append(batch);
                batch.clear();
            }
        }
        store.append(batch);
        return seq;
    }

    // Values differ from key to key, as real ones would, so RocksDB cannot compress them to nothing.
    private static String value(SplittableRandom random, int size) {
        char[] chars = new char[size];
        for (int i = 0; i < size; i++) chars[i] = (char) ('a' + random.nextInt(26));
        return new String(chars);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
