package dev.kvstore.rmi.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The nonces of the credentials accepted while they could still pass the time check, so that a
 * replayed credential is refused. A replay repeats the credential whole, issue time included, so
 * each nonce is filed under its issue time, in buckets an eighth of the window wide; a bucket is
 * emptied, and kept for reuse, once the clock has passed the window of every credential it can
 * hold. A clock that steps back therefore forgets nothing early.
 *
 * <p>Every peer and coordinator call leaves a nonce that stays for a whole window (30 s): as map
 * entries they lived long enough to be copied through every survivor space and promoted, on every
 * replica. Here they are longs in open-addressing tables that are reused, so nothing is allocated
 * once the tables have grown to the call rate. Thread-safe.
 */
final class SeenNonces {
    private static final int BUCKETS_PER_WINDOW = 8;

    private final long windowMillis;
    private final long bucketMillis;
    private final List<Bucket> live = new ArrayList<>();
    private final Deque<Bucket> spare = new ArrayDeque<>();

    SeenNonces(long windowMillis) {
        if (windowMillis < BUCKETS_PER_WINDOW) throw new IllegalArgumentException("window too short: " + windowMillis + " ms");
        this.windowMillis = windowMillis;
        this.bucketMillis = windowMillis / BUCKETS_PER_WINDOW;
    }

    /**
     * Records the nonce of a credential issued at {@code issuedAtMillis}, which passed the time
     * check at {@code nowMillis}. Returns false when that credential was recorded before.
     */
    synchronized boolean firstSighting(long nonce, long issuedAtMillis, long nowMillis) {
        forgetExpired(nowMillis);
        return bucketFor(Math.floorDiv(issuedAtMillis, bucketMillis)).add(nonce);
    }

    /** How many nonces are remembered. */
    synchronized int size() {
        int size = 0;
        for (Bucket b : live) size += b.size;
        return size;
    }

    private void forgetExpired(long nowMillis) {
        for (int i = live.size() - 1; i >= 0; i--) {
            Bucket b = live.get(i);
            // Its last credential was issued just before (number + 1) * bucketMillis.
            if (nowMillis - ((b.number + 1) * bucketMillis) > windowMillis) {
                live.remove(i);
                b.clear();
                spare.push(b);
            }
        }
    }

    private Bucket bucketFor(long number) {
        // Most credentials land in the newest bucket, which is last.
        for (int i = live.size() - 1; i >= 0; i--) {
            if (live.get(i).number == number) return live.get(i);
        }
        Bucket b = spare.isEmpty() ? new Bucket() : spare.pop();
        b.number = number;
        live.add(b);
        return b;
    }

    /** A set of longs by linear probing; 0 marks a free slot, so the nonce 0 has a flag of its own. */
    private static final class Bucket {
        long number;
        long[] slots = new long[64];
        int size;
        boolean hasZero;

        boolean add(long nonce) {
            if (nonce == 0) {
                if (hasZero) return false;
                hasZero = true;
                size++;
                return true;
            }
            int mask = slots.length - 1;
            int i = spread(nonce) & mask;
            for (; slots[i] != 0; i = (i + 1) & mask) {
                if (slots[i] == nonce) return false;
            }
            slots[i] = nonce;
            if (++size * 2 > slots.length) grow();
            return true;
        }

        void clear() {
            Arrays.fill(slots, 0);
            size = 0;
            hasZero = false;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            int mask = slots.length - 1;
            for (long nonce : old) {
                if (nonce == 0) continue;
                int i = spread(nonce) & mask;
                while (slots[i] != 0) i = (i + 1) & mask;
                slots[i] = nonce;
            }
        }

        private static int spread(long nonce) {
            long h = nonce * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
