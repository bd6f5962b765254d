package dev.kvstore.server.store;

import dev.kvstore.api.protocol.SnapshotEntry;
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
    private volatile Map<String, Versioned> entries = new ConcurrentHashMap<>(); // replaced only by presize
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
        // A key seen for the first time (every key of a snapshot load) needs no read-modify-write:
        // putIfAbsent spares compute's per-call lambda and reservation node. Updating the digest
        // after the insert, outside the map's lock, is safe: additions commute, so a concurrent
        // apply of the same key that replaces this value still leaves the sum exact.
        Versioned inserted = new Versioned(value, seq);
        if (entries.putIfAbsent(key, inserted) == null) {
            if (value != null) {
                digest.addAndGet(hash(key, inserted));
                liveKeys.incrementAndGet();
            }
            return true;
        }
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

    /**
     * Makes room for about {@code expectedKeys} in an empty store, before a snapshot load, so that
     * the table is not rebuilt at every doubling on the way to a million keys. Does nothing when
     * the store holds anything. The caller makes sure no apply or clear runs meanwhile.
     * Returns whether it resized.
     */
    public boolean presize(long expectedKeys) {
        if (expectedKeys <= 0 || !entries.isEmpty()) return false;
        entries = new ConcurrentHashMap<>((int) Math.min(expectedKeys, 1 << 29));
        return true;
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

    // FNV-1a over the UTF-8 bytes of the key and the value and over the seq, then a 64-bit
    // finalizer so that sums of hashes of similar entries do not collide in their low bits.
    static long hash(String key, Versioned v) {
        long h = 0xcbf29ce484222325L;
        h = fnvUtf8(h, key);
        h = (h ^ 0xff) * 0x100000001b3L;
        h = fnvUtf8(h, v.value());
        h = (h ^ v.seq()) * 0x100000001b3L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    // The bytes of s.getBytes(UTF_8), a lone surrogate as '?' like it, without allocating them:
    // a million-key snapshot load would otherwise copy every key and value once more just to hash it.
    private static long fnvUtf8(long h, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = fnv(h, c);
            } else if (c < 0x800) {
                h = fnv(fnv(h, 0xc0 | (c >> 6)), 0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                int cp = i + 1 < n && Character.isHighSurrogate(c) && Character.isLowSurrogate(s.charAt(i + 1))
                        ? Character.toCodePoint(c, s.charAt(++i)) : -1;
                if (cp < 0) {
                    h = fnv(h, '?');
                } else {
                    h = fnv(fnv(fnv(fnv(h, 0xf0 | (cp >> 18)), 0x80 | ((cp >> 12) & 0x3f)), 0x80 | ((cp >> 6) & 0x3f)),
                            0x80 | (cp & 0x3f));
                }
            } else {
                h = fnv(fnv(fnv(h, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 0x3f)), 0x80 | (c & 0x3f));
            }
        }
        return h;
    }

    private static long fnv(long h, int b) {
        return (h ^ (b & 0xff)) * 0x100000001b3L;
    }
}
