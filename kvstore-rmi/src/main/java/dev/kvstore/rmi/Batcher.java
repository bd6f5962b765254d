package dev.kvstore.rmi;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Sends messages to one destination in submission order, with at most one batch in flight:
 * whatever was submitted while a batch was under way goes in the next one. Under no load a
 * message leaves at once, alone; under load one call carries many. A message whose future was
 * cancelled before its batch left is not sent. The sending loop makes the call itself, with no
 * hand-off to another thread; a caller that stops waiting for a call stuck on a paused peer
 * calls {@link #abandonInFlight()} so that what queued up behind it goes out in a new call.
 * A message that nobody waits for can be sent lazily ({@link #submitLazily}): it rides along
 * with the next call, or leaves on its own after a short linger. Thread-safe.
 *
 * @param <M> the message type
 * @param <R> the answer to one message
 */
public final class Batcher<M, R> {
    /** Sends one batch and returns one answer per message, in order; throws if the batch failed as a whole. */
    @FunctionalInterface
    public interface Sender<M, R> {
        List<R> send(List<M> batch) throws Exception;
    }

    private final Sender<M, R> sender;
    private final Executor executor;
    private final int maxMessages;
    private final ToLongFunction<M> weigher;
    private final long maxWeight;
    private final ScheduledExecutorService timer;
    private final long lingerNanos;
    private final ArrayDeque<Pending<M, R>> queue = new ArrayDeque<>(); // guarded by this
    private boolean draining; // guarded by this
    private long generation; // guarded by this; only the sending loop of the current generation may take batches
    private boolean flushScheduled; // guarded by this

    /**
     * @param executor runs the sending loop; one task per busy period, so a cached pool fits
     * @param maxMessages the most messages in one batch
     * @param weigher a message's weight (for example its size in bytes)
     * @param maxWeight the most weight in one batch, though a single heavier message still goes alone
     */
    public Batcher(Sender<M, R> sender, Executor executor, int maxMessages, ToLongFunction<M> weigher, long maxWeight) {
        this(sender, executor, maxMessages, weigher, maxWeight, null, Duration.ZERO);
    }

    /**
     * Like the other constructor, for a batcher that also takes lazy messages.
     *
     * @param timer sends lazy messages that no call took along within {@code linger}
     */
    public Batcher(Sender<M, R> sender, Executor executor, int maxMessages, ToLongFunction<M> weigher, long maxWeight,
            ScheduledExecutorService timer, Duration linger) {
        if (maxMessages <= 0) throw new IllegalArgumentException("maxMessages is positive: " + maxMessages);
        this.sender = sender;
        this.executor = executor;
        this.maxMessages = maxMessages;
        this.weigher = weigher;
        this.maxWeight = maxWeight;
        this.timer = timer;
        this.lingerNanos = linger.toNanos();
    }

    /** Queues {@code message} behind every message submitted before it; the future completes with its answer. */
    public CompletableFuture<R> submit(M message) {
        Pending<M, R> pending = new Pending<>(message, new CompletableFuture<>());
        long loop = -1;
        synchronized (this) {
            queue.add(pending);
            if (!draining) {
                draining = true;
                loop = generation;
            }
        }
        if (loop >= 0) startSending(loop);
        return pending.answer;
    }

    /**
     * Queues {@code message} like {@link #submit}, without starting a call for it: it leaves with
     * the next call, or after the linger at the latest. For messages that nobody waits for, such
     * as a commit already acknowledged to the client.
     */
    public CompletableFuture<R> submitLazily(M message) {
        if (timer == null) return submit(message);
        Pending<M, R> pending = new Pending<>(message, new CompletableFuture<>());
        boolean schedule = false;
        synchronized (this) {
            queue.add(pending);
            if (!draining && !flushScheduled) {
                flushScheduled = true;
                schedule = true;
            }
        }
        if (schedule) {
            try {
                timer.schedule(this::flushLingering, lingerNanos, TimeUnit.NANOSECONDS);
            } catch (RuntimeException rejected) {
                synchronized (this) {
                    flushScheduled = false;
                }
                failQueued(rejected);
            }
        }
        return pending.answer;
    }

    /** Whether nothing is queued or in flight: a message submitted now would leave at once. */
    public synchronized boolean idle() {
        return !draining && queue.isEmpty();
    }

    /**
     * Stops counting on the batch in flight, if any: its call may still return, but the messages
     * queued behind it leave in a new call at once. Order between the two calls is then lost,
     * which is why this is only for a destination that already failed to answer in time.
     */
    public void abandonInFlight() {
        long loop;
        synchronized (this) {
            if (!draining) return;
            generation++;
            if (queue.isEmpty()) {
                draining = false;
                return;
            }
            loop = generation;
        }
        startSending(loop);
    }

    /** Starts a call for lazy messages that no call has taken along. */
    private void flushLingering() {
        long loop = -1;
        synchronized (this) {
            flushScheduled = false;
            if (!draining && !queue.isEmpty()) {
                draining = true;
                loop = generation;
            }
        }
        if (loop >= 0) startSending(loop);
    }

    private void startSending(long loop) {
        try {
            executor.execute(() -> drain(loop));
        } catch (RuntimeException rejected) {
            synchronized (this) {
                if (loop == generation) draining = false;
            }
            failQueued(rejected);
        }
    }

    private void drain(long loop) {
        for (List<Pending<M, R>> batch = nextBatch(loop); !batch.isEmpty(); batch = nextBatch(loop)) {
            send(batch);
            if (hasQueued()) {
                // Messages queued during the call, so more are likely on their way: the answers
                // just delivered woke their callers, and each may be about to submit its next
                // message. Letting them run first makes the next batch bigger; measured with 32
                // and 128 writers, it means fewer calls per write and more writes per second.
                // With nothing queued (a lone writer) there is nobody to wait for.
                Thread.yield();
            }
        }
    }

    private synchronized boolean hasQueued() {
        return !queue.isEmpty();
    }

    private void send(List<Pending<M, R>> batch) {
        List<M> messages = new ArrayList<>(batch.size());
        for (Pending<M, R> p : batch) messages.add(p.message);
        try {
            List<R> answers = sender.send(messages);
            if (answers.size() != batch.size()) {
                throw new IllegalStateException(answers.size() + " answers to a batch of " + batch.size());
            }
            for (int i = 0; i < batch.size(); i++) batch.get(i).answer.complete(answers.get(i));
        } catch (Exception | Error failure) {
            for (Pending<M, R> p : batch) p.answer.completeExceptionally(failure);
        }
    }

    /**
     * Takes the next batch off the queue, skipping cancelled messages; empty (and no longer
     * draining) when none is left, and empty at once for a loop that was abandoned.
     */
    private synchronized List<Pending<M, R>> nextBatch(long loop) {
        if (loop != generation) return List.of();
        List<Pending<M, R>> batch = new ArrayList<>(Math.min(queue.size(), maxMessages));
        long weight = 0;
        while (!queue.isEmpty() && batch.size() < maxMessages) {
            Pending<M, R> head = queue.peek();
            if (head.answer.isDone()) {
                queue.poll();
                continue;
            }
            long w = weigher.applyAsLong(head.message);
            if (!batch.isEmpty() && weight + w > maxWeight) break;
            batch.add(queue.poll());
            weight += w;
        }
        if (batch.isEmpty()) draining = false;
        return batch;
    }

    private void failQueued(RuntimeException cause) {
        List<Pending<M, R>> failed;
        synchronized (this) {
            failed = new ArrayList<>(queue);
            queue.clear();
        }
        for (Pending<M, R> p : failed) p.answer.completeExceptionally(cause);
    }

    private record Pending<M, R>(M message, CompletableFuture<R> answer) {}
}
