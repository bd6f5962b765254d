package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.TxId;
import dev.kvstore.server.txn.ParticipantCore.Finished;

/**
 * How the most recent transactions a participant knew of ended, so that late duplicates of their
 * messages are harmless. Remembers at most {@code maxEntries} transactions and at most {@code
 * maxIdChars} characters of their ids, and forgets the oldest first; remembering a transaction
 * again changes its outcome, not its age.
 *
 * <p>Under load an entry lives for tens of seconds (100,000 transactions at a few thousand a
 * second), long enough for every young collection to copy it through the survivor spaces before
 * promoting it: as map entries these were most of what a replica's young pauses copied. So the ids
 * sit as characters in one ring, found through an open-addressing table of slot numbers, and
 * nothing is allocated after construction. Not thread-safe.
 */
final class FinishedTransactions {
    private static final byte COMMITTED = 1;
    private static final byte ABORTED = 2;

    private final int maxEntries;
    private final char[] chars;
    private final int charMask;
    private final long[] idStart;
    private final int[] idLength;
    private final int[] idHash;
    private final byte[] outcome;
    private final int[] index;
    private final int indexMask;
    private long added;
    private long nextChar;
    private int size;

    /**
     * @param maxEntries how many transactions to remember at most
     * @param maxIdChars how many characters of ids to keep at most, rounded up to a power of two
     */
    FinishedTransactions(int maxEntries, int maxIdChars) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive");
        if (maxIdChars < TxId.MAX_LENGTH) throw new IllegalArgumentException("maxIdChars must hold the longest id");
        this.maxEntries = maxEntries;
        this.chars = new char[powerOfTwoAtLeast(maxIdChars)];
        this.charMask = chars.length - 1;
        this.idStart = new long[maxEntries];
        this.idLength = new int[maxEntries];
        this.idHash = new int[maxEntries];
        this.outcome = new byte[maxEntries];
        // At most half full, so that probe sequences stay short.
        this.index = new int[powerOfTwoAtLeast(2 * maxEntries)];
        this.indexMask = index.length - 1;
    }

    /** How {@code txId} ended, or null when it is not remembered. */
    Finished outcomeOf(TxId txId) {
        int slot = find(txId.value());
        if (slot < 0) return null;
        return outcome[slot] == COMMITTED ? Finished.COMMITTED : Finished.ABORTED;
    }

    /** Remembers that {@code txId} ended as {@code finished}, replacing what was remembered. */
    void remember(TxId txId, Finished finished) {
        String id = txId.value();
        int slot = find(id);
        if (slot < 0) slot = add(id);
        outcome[slot] = encode(finished);
    }

    /** Remembers that {@code txId} ended as {@code finished} unless its outcome is remembered already. */
    void rememberIfAbsent(TxId txId, Finished finished) {
        String id = txId.value();
        if (find(id) < 0) outcome[add(id)] = encode(finished);
    }

    int size() {
        return size;
    }

    private int find(String id) {
        int hash = spread(id.hashCode());
        for (int i = hash & indexMask; index[i] != 0; i = (i + 1) & indexMask) {
            int slot = index[i] - 1;
            if (idHash[slot] == hash && idEquals(slot, id)) return slot;
        }
        return -1;
    }

    private int add(String id) {
        int length = id.length();
        while (size == maxEntries || nextChar + length - oldestCharInUse() > chars.length) forgetOldest();
        int slot = (int) (added++ % maxEntries);
        idStart[slot] = nextChar;
        idLength[slot] = length;
        idHash[slot] = spread(id.hashCode());
        for (int k = 0; k < length; k++) chars[(int) (nextChar + k) & charMask] = id.charAt(k);
        nextChar += length;
        int i = idHash[slot] & indexMask;
        while (index[i] != 0) i = (i + 1) & indexMask;
        index[i] = slot + 1;
        size++;
        return slot;
    }

    private long oldestCharInUse() {
        return size == 0 ? nextChar : idStart[(int) ((added - size) % maxEntries)];
    }

    /** Drops the oldest entry, closing the gap in its probe sequence so that no tombstones build up. */
    private void forgetOldest() {
        int slot = (int) ((added - size) % maxEntries);
        int hole = idHash[slot] & indexMask;
        while (index[hole] != slot + 1) hole = (hole + 1) & indexMask;
        for (int j = (hole + 1) & indexMask; index[j] != 0; j = (j + 1) & indexMask) {
            int home = idHash[index[j] - 1] & indexMask;
            // The entry at j may fill the hole unless its home lies cyclically after the hole.
            if (((j - home) & indexMask) >= ((j - hole) & indexMask)) {
                index[hole] = index[j];
                hole = j;
            }
        }
        index[hole] = 0;
        size--;
    }

    private boolean idEquals(int slot, String id) {
        int length = idLength[slot];
        if (length != id.length()) return false;
        long start = idStart[slot];
        for (int k = 0; k < length; k++) {
            if (chars[(int) (start + k) & charMask] != id.charAt(k)) return false;
        }
        return true;
    }

    private static byte encode(Finished finished) {
        return finished == Finished.COMMITTED ? COMMITTED : ABORTED;
    }

    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
