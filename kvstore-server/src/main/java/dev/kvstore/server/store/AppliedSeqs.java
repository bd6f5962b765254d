package dev.kvstore.server.store;

import java.util.TreeSet;

/**
 * Tracks which commit seqs a replica has applied and the contiguous watermark: every seq up to
 * {@link #watermark()} is applied. Commits arrive out of order from concurrent proposers, so seqs
 * above the watermark are remembered until the gap below them fills. Not thread-safe.
 */
public final class AppliedSeqs {
    private long watermark;
    private final TreeSet<Long> above = new TreeSet<>();

    public long watermark() {
        return watermark;
    }

    /** Records that {@code seq} is applied. */
    public void add(long seq) {
        if (seq <= watermark) return;
        above.add(seq);
        while (!above.isEmpty() && above.first() == watermark + 1) {
            watermark = above.pollFirst();
        }
    }

    /** Everything up to {@code seq} is applied (a snapshot or catch-up covered it). */
    public void advanceTo(long seq) {
        if (seq <= watermark) return;
        watermark = seq;
        above.headSet(seq, true).clear();
        while (!above.isEmpty() && above.first() == watermark + 1) {
            watermark = above.pollFirst();
        }
    }

    /** Forgets everything: the store was cleared. */
    public void reset() {
        watermark = 0;
        above.clear();
    }

    /** Seqs applied above the watermark, waiting for a gap to fill. */
    public int pending() {
        return above.size();
    }
}
