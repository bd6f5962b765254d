package dev.kvstore.server.recovery;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.DecisionBatch;
import dev.kvstore.api.protocol.JoinReply;
import dev.kvstore.api.protocol.SnapshotChunk;
import dev.kvstore.server.CoordinatorClient;
import dev.kvstore.server.ReplicaNode;
import java.rmi.RemoteException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a replica that starts, restarts or was marked DOWN back to UP: load the snapshot page by
 * page (only when the store is new), pull the decisions after it, then ask to join. The
 * coordinator accepts the join in the same critical section as decide and hands over any
 * decisions still missing, so no commit falls between catch-up and the first prepare.
 *
 * <p>A run that fails (a call timed out) leaves its snapshot progress here, so the next run resumes
 * after the last page applied instead of loading the whole store again. Not thread-safe: one
 * recovery thread runs it.
 */
public final class CatchUp {
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

    private final ReplicaNode node;
    private final CoordinatorClient coordinator;
    private final int pageSize;
    private final LongSupplier nanoClock;
    // Progress of the snapshot load, kept across failed runs.
    private String resumeAfter;        // the last key applied; null: from the first key
    private long snapshotSeq = -1;     // the first page's durableSeq; -1: no page yet
    private long snapshotEntries;
    private long pageWaitNanos; // time spent waiting for pages, not applying them: the coordinator's share
    // Since when this replica has been catching up, over failed runs too.
    private long catchingUpSince = -1;
    private int runs;

    public CatchUp(ReplicaNode node, CoordinatorClient coordinator, int pageSize, LongSupplier nanoClock) {
        if (pageSize < 1) throw new IllegalArgumentException("pageSize is positive: " + pageSize);
        this.node = node;
        this.coordinator = coordinator;
        this.pageSize = pageSize;
        this.nanoClock = nanoClock;
    }

    /** Runs until the replica is UP. A failed remote call aborts the run; the caller tries again later. */
    public void run() throws RemoteException {
        if (catchingUpSince < 0) catchingUpSince = nanoClock.getAsLong();
        long began = catchingUpSince;
        runs++;
        node.becomeCatchingUp();
        if (!node.snapshotLoaded()) loadSnapshot();
        long snapshotDone = nanoClock.getAsLong();
        long pulled = 0;
        long pullNanos = 0;
        while (true) {
            long pullStart = nanoClock.getAsLong();
            pulled += pullDecisions();
            long sentAt = nanoClock.getAsLong();
            pullNanos += sentAt - pullStart;
            JoinReply reply = coordinator.join(node.self(), node.watermark());
            if (reply.accepted()) {
                reply.missing().forEach(node::applyDecision);
                node.becomeUp(reply.view(), sentAt, reply.leaseMillis());
                long done = nanoClock.getAsLong();
                log.info("joined at epoch {} with watermark {}", reply.view().epoch(), node.watermark());
                // One line with the phases, so a restart's time can be read back from the log.
                log.info("caught up in {} ms: snapshot {} ms, {} decisions pulled in {} ms, join {} ms ({} runs)",
                        millis(done - began), millis(snapshotDone - began), pulled, millis(pullNanos), millis(done - sentAt), runs);
                catchingUpSince = -1;
                runs = 0;
                return;
            }
            log.info("join refused at watermark {}: still behind; catching up further", node.watermark());
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /**
     * Loads the pages in order, asking for the next page before applying the one in hand, so the
     * coordinator reads and sends page n+1 while this replica decodes and applies page n.
     */
    private void loadSnapshot() throws RemoteException {
        if (resumeAfter == null) {
            // The coordinator's key count sizes the store once, instead of at every doubling.
            node.prepareForSnapshot(coordinator.status().keyCount());
        }
        CoordinatorClient.Pending<SnapshotChunk> next = coordinator.snapshotAhead(resumeAfter, pageSize);
        while (true) {
            long waitFrom = nanoClock.getAsLong();
            SnapshotChunk chunk = next.await();
            pageWaitNanos += nanoClock.getAsLong() - waitFrom;
            // Every later page is at least as new as the first, and the decisions after the
            // first page's seq are replayed next, so versioned apply makes the fuzzy copy exact.
            if (snapshotSeq < 0) snapshotSeq = chunk.durableSeq();
            boolean done = chunk.last() || chunk.isEmpty();
            if (!done) next = coordinator.snapshotAhead(chunk.lastKey(), pageSize);
            node.applySnapshot(chunk);
            snapshotEntries += chunk.entryCount();
            if (!chunk.isEmpty()) resumeAfter = chunk.lastKey(); // only once applied
            if (done) break;
        }
        node.finishSnapshot(snapshotSeq);
        log.info("loaded snapshot: {} entries at seq {}; waited {} ms for pages", snapshotEntries, snapshotSeq,
                millis(pageWaitNanos));
    }

    /** Applies the decisions after the watermark, page by page; returns how many. */
    private long pullDecisions() throws RemoteException {
        long pulled = 0;
        while (true) {
            DecisionBatch batch = coordinator.decisionsAfter(node.watermark(), pageSize);
            for (Decision d : batch.decisions()) node.applyDecision(d);
            pulled += batch.decisions().size();
            if (batch.decisions().size() < pageSize) return pulled;
        }
    }
}
