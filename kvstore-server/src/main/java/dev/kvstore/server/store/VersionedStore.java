package dev.kvstore.server.store;

import dev.kvstore.api.protocol.SnapshotEntry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory key-value store where every key carries the seq of the commit that last wrote it.
 * A write applies only if its seq is newer than the key's, so replaying, reordering or receiving
 * a commit twice never moves a key backwards. Deletes leave tombstones. Thread-safe; reads take
 * no lock.
 *
 * <p>It keeps an order-independent digest of the live entries (key, value, seq), so two stores
 * that applied the same commits report the same digest whatever order they applied them in.
 */
public final class VersionedStore {
    private final Map<String, Versioned> entries = new ConcurrentHashMap<>();
    private final AtomicLong digest = new AtomicLong();
    private final AtomicLong liveKeys = new AtomicLong();

    /** The live value of {@code key}, or null when absent or deleted. */
    public String get(String key) {
        Versioned v = entries.get(key);
        return v == null ? null : v.value();
    }

    /** The value and seq of {@code key}, tombstones included, or null when never written. */
    public Versioned versionOf(String key) {
        return entries.get(key);
    }

    /**
     * Writes {@code value} (null: delete) at {@code seq} unless the key already holds that seq or a
     * newer one. Returns whether it applied.
     */
    public boolean apply(String key, String value, long seq) {
        boolean[] applied = {false};
        entries.compute(key, (k, current) -> {
            if (current != null && current.seq() >= seq) return current;
            applied[0] = true;
            if (current != null && !current.isTombstone()) {
                digest.addAndGet(-hash(k, current));
                liveKeys.decrementAndGet();
            }
            Versioned next = new Versioned(value, seq);
            if (value != null) {
                digest.addAndGet(hash(k, next));
                liveKeys.incrementAndGet();
            }
            return next;
        });
        return applied[0];
    }

    /** Live keys; tombstones are not counted. */
    public long keyCount() {
        return liveKeys.get();
    }

    /** Hex digest of the live entries and their seqs. */
    public String digest() {
        return String.format("%016x", digest.get());
    }

    /** Every entry, tombstones included, in no particular order. */
    public void forEach(Consumer<SnapshotEntry> action) {
        entries.forEach((k, v) -> action.accept(new SnapshotEntry(k, v.value(), v.seq())));
    }

    /** Removes everything: a replica that lost its place reloads from a snapshot. */
    public void clear() {
        entries.clear();
        digest.set(0);
        liveKeys.set(0);
    }

    // FNV-1a over the key, the value and the seq, then a 64-bit finalizer so that sums of
    // hashes of similar entries do not collide in their low bits.
    private static long hash(String key, Versioned v) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, key.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0xff) * 0x100000001b3L;
        h = fnv(h, v.value().getBytes(StandardCharsets.UTF_8));
        h = (h ^ v.seq()) * 0x100000001b3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) h = (h ^ (b & 0xff)) * 0x100000001b3L;
        return h;
    }
}
