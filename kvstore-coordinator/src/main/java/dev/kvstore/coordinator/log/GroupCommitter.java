package dev.kvstore.coordinator.log;

import dev.kvstore.api.protocol.Decision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: decisions submitted by many threads share one {@link DecisionStore#append}, so one fsync, and one
 * append runs at a time. A caller that finds no append under way makes it on its own thread ({@link #appendQueued}):
 * under light load a decision then costs no hand-off to another thread and back. What queues up while an append is
 * under way goes to the writer thread ("group-commit") when that append ends. Thread-safe. A decision's future
 * completes only after the append containing it returned; once an append fails, every waiting and every later future
 * fails, because what reached the disk is unknown until the process restarts and recovers.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private record Pending(Decision decision, CompletableFuture<Void> durable) {}

    private final DecisionStore store;
    private final int maxBatch;
    private final Thread writer;

    // Guarded by this.
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long lastSubmittedSeq;
    private Throwable failure;
    private boolean closed;
    private boolean appending;
    private int flushing;

    private volatile long durableSeq;

    /** Starts the daemon writer thread "group-commit"; at most {@code maxBatch} decisions go into one append. */
    public GroupCommitter(DecisionStore store, int maxBatch) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1: " + maxBatch);
        this.maxBatch = maxBatch;
        this.durableSeq = store.lastSeq();
        this.lastSubmittedSeq = durableSeq;
        this.writer = new Thread(this::run, "group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Enqueues a decision; the caller must enqueue in ascending, contiguous seq order (the coordinator calls this under
     * its decide lock). The future completes when the decision is durable, or exceptionally if the append failed, in
     * which case the decision may or may not be on disk.
     */
    public synchronized CompletableFuture<Void> submit(Decision decision) {
        CompletableFuture<Void> durable = enqueue(decision);
        notifyAll();
        return durable;
    }

    /**
     * Like {@link #submit}, without waking the writer thread: the caller must call {@link #appendQueued} next, which
     * appends the decision or, if an append is under way, leaves it to the writer thread when that append ends.
     */
    public synchronized CompletableFuture<Void> submitForCaller(Decision decision) {
        return enqueue(decision);
    }

    /**
     * Appends what is queued, on the caller's thread, unless an append is under way (whatever queued meanwhile goes
     * to the writer thread when it ends), nothing is queued, or the committer failed or closed. Returns after the
     * append, its futures completed.
     */
    public void appendQueued() {
        List<Pending> batch;
        synchronized (this) {
            if (appending || queue.isEmpty() || failure != null || closed) return;
            batch = takeLocked();
        }
        append(batch);
    }

    private CompletableFuture<Void> enqueue(Decision decision) {
        if (closed) throw new IllegalStateException("This group committer is closed; it accepts no more decisions.");
        if (failure != null) {
            return CompletableFuture.failedFuture(new StorageFailure("group commit stopped after a failed append", failure));
        }
        if (decision.seq() != lastSubmittedSeq + 1) {
            throw new IllegalArgumentException("decisions must be submitted in seq order: expected seq "
                    + (lastSubmittedSeq + 1) + ", got seq " + decision.seq());
        }
        CompletableFuture<Void> durable = new CompletableFuture<>();
        queue.add(new Pending(decision, durable));
        lastSubmittedSeq = decision.seq();
        return durable;
    }

    /** Blocks until everything submitted so far is durable; throws {@link StorageFailure} if it never will be. */
    public void flush() throws InterruptedException {
        appendQueued();
        synchronized (this) {
            long target = lastSubmittedSeq;
            flushing++;
            try {
                while (durableSeq < target) {
                    if (failure != null) {
                        throw new StorageFailure("group commit stopped before seq " + target + " was durable", failure);
                    }
                    wait();
                }
            } finally {
                flushing--;
            }
        }
    }

    /** Whether an append failed; from then on nothing more becomes durable until the process restarts. */
    public synchronized boolean failed() {
        return failure != null;
    }

    /** Highest seq known durable. */
    public long durableSeq() {
        return durableSeq;
    }

    /** Drains what is queued, then stops the writer thread. Does not close the store. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (Thread.currentThread() == writer) return; // a future's callback closed us; the loop ends by itself
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                // Closing must not return while an append is in flight; remember the interrupt for the caller.
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void run() {
        while (true) {
            List<Pending> batch;
            try {
                batch = takeBatchForWriter();
            } catch (InterruptedException e) {
                // Nothing here interrupts this thread; whoever did wants it stopped, and the waiters must hear it.
                fail(List.of(), new StorageFailure("the group commit thread was interrupted", e));
                return;
            }
            if (batch.isEmpty()) return; // closed and drained
            if (!append(batch)) return;
        }
    }

    /** Appends {@code batch}, taken with {@link #takeLocked}; false if the append failed. */
    private boolean append(List<Pending> batch) {
        List<Decision> decisions = batch.stream().map(Pending::decision).toList();
        try {
            store.append(decisions);
        } catch (RuntimeException | Error e) {
            // Logged here because the failure stops group commit and outlives any one waiter.
            LOG.error("group commit stopped: append of seqs {}..{} failed", decisions.get(0).seq(),
                    decisions.get(decisions.size() - 1).seq(), e);
            fail(batch, e);
            if (e instanceof Error) throw (Error) e;
            return false;
        }
        synchronized (this) {
            durableSeq = decisions.get(decisions.size() - 1).seq();
            appending = false;
            // The writer takes what queued meanwhile; flush() and close() wait for the durable seq.
            if (!queue.isEmpty() || flushing > 0 || closed) notifyAll();
        }
        batch.forEach(p -> p.durable().complete(null));
        return true;
    }

    /** Waits until something is queued and no append is under way; empty once closed and drained. */
    private synchronized List<Pending> takeBatchForWriter() throws InterruptedException {
        while ((queue.isEmpty() || appending) && !(closed && !appending && queue.isEmpty())) wait();
        if (queue.isEmpty()) return List.of();
        return takeLocked();
    }

    /** Takes the next group off the queue and marks an append under way. */
    private List<Pending> takeLocked() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (!queue.isEmpty() && batch.size() < maxBatch) batch.add(queue.poll());
        appending = true;
        return batch;
    }

    private void fail(List<Pending> inFlight, Throwable cause) {
        List<Pending> queued;
        synchronized (this) {
            failure = cause;
            appending = false;
            queued = new ArrayList<>(queue);
            queue.clear();
            notifyAll();
        }
        inFlight.forEach(p -> p.durable().completeExceptionally(cause));
        StorageFailure stopped = new StorageFailure("group commit stopped after a failed append", cause);
        queued.forEach(p -> p.durable().completeExceptionally(stopped));
    }
}
