package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.rmi.Delivery;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where a client's write is proposed: here, or by the write leader, the UP replica with
 * the lowest address in the view. Each proposer batches only the writes it proposes, so when
 * each replica has only a few writes in flight, they mostly travel one per call; sent to one
 * proposer, they share its prepare and decide calls, at the price of one more round trip each
 * (forwards travel batched too, so the writes forwarded meanwhile share that round trip).
 *
 * <p>That price is worth paying only while both hold:
 * <ul>
 *   <li>the leader is proposing anyway: prepares from it keep arriving here. A lone writer on
 *       another replica proposes its writes itself and waits for nobody;
 *   <li>this replica has had few writes in flight at any one time lately: few clients write
 *       through it. With many, its own calls carry batches already, and a round trip more for
 *       each write costs more than the leader's bigger batches save. The peak, not the mean,
 *       because the mean moves with the choice: forwarded writes finish sooner, so fewer are in
 *       flight, which would have a busy replica forward and then not, by turns. The peak is
 *       bounded by the number of clients writing here, whichever way their writes go.
 * </ul>
 * After a forward that fails, this replica proposes its writes itself for a while: a leader that
 * died or stalls is soon named a suspect by those proposals, and the next view has another
 * leader. Thread-safe.
 */
public final class WriteForwarding {
    private static final Logger log = LoggerFactory.getLogger(WriteForwarding.class);
    /** How long a peak of writes in flight is remembered: one window, and up to one more. */
    private static final long PEAK_WINDOW_NANOS = Duration.ofMillis(100).toNanos();

    /** Carries a forwarded write to another replica. */
    @FunctionalInterface
    public interface Port {
        /**
         * Sends the write and returns at once. The future completes with the target's reply
         * ({@link ForwardReply#declined} if the target refused the call before running it, for
         * example our credential), or fails with the call's {@link RemoteException}; it always
         * completes, within a deadline.
         */
        CompletableFuture<ForwardReply> forward(ReplicaId target, List<Write> writes);
    }

    /** Never forwards: every write is proposed where it arrived. */
    public static WriteForwarding off(ReplicaId self) {
        Port declineAll = (target, writes) -> CompletableFuture.completedFuture(ForwardReply.declined("forwarding is off"));
        return new WriteForwarding(self, () -> View.EMPTY, declineAll, System::nanoTime, Duration.ZERO, Duration.ZERO, 0);
    }

    private final ReplicaId self;
    private final Supplier<View> views;
    private final Port port;
    private final LongSupplier nanoClock;
    private final long activeWindowNanos;
    private final long backOffNanos;
    private final int maxWritesInFlight;
    private final AtomicInteger writesInFlight = new AtomicInteger();
    // The most writes in flight at once in this window and the last. Updates may race and one be
    // lost: they steer a choice either way of which is correct, so they need no lock.
    private volatile long windowStartNanos;
    private volatile int peakThisWindow;
    private volatile int peakLastWindow;

    private volatile Leader leader = new Leader(View.EMPTY, null);
    private volatile long leaderProposedAtNanos;
    private volatile boolean leaderEverProposed;
    private volatile long failedAtNanos;
    private volatile boolean everFailed;

    /**
     * @param activeWindow how recently the leader must have sent prepares here for a write to be forwarded to it
     * @param backOff how long this replica proposes its writes itself after a forward failed
     * @param maxWritesInFlight forward only while, lately, fewer writes than this were ever in flight here at once
     */
    public WriteForwarding(ReplicaId self, Supplier<View> views, Port port, LongSupplier nanoClock, Duration activeWindow,
            Duration backOff, int maxWritesInFlight) {
        this.maxWritesInFlight = maxWritesInFlight;
        this.windowStartNanos = nanoClock.getAsLong() - PEAK_WINDOW_NANOS; // the first write opens a window
        this.self = self;
        this.views = views;
        this.port = port;
        this.nanoClock = nanoClock;
        this.activeWindowNanos = activeWindow.toNanos();
        this.backOffNanos = backOff.toNanos();
    }

    /**
     * A client's write has arrived: returns the replica to forward it to, or null to propose it
     * here. Pair with {@link #finished()} once the write is over, wherever it went.
     */
    public ReplicaId arrived() {
        int inFlight = writesInFlight.incrementAndGet();
        long now = nanoClock.getAsLong();
        long sinceWindowStart = now - windowStartNanos;
        if (sinceWindowStart >= PEAK_WINDOW_NANOS) {
            windowStartNanos = now;
            peakLastWindow = sinceWindowStart >= 2 * PEAK_WINDOW_NANOS ? 0 : peakThisWindow; // the last window saw no write
            peakThisWindow = 0;
        }
        if (inFlight > peakThisWindow) peakThisWindow = inFlight;
        return recentPeakOfWritesInFlight() < maxWritesInFlight ? target() : null;
    }

    /** A write that {@link #arrived()} is over. */
    public void finished() {
        writesInFlight.decrementAndGet();
    }

    /** The most writes in flight here at once lately, this one included. */
    int recentPeakOfWritesInFlight() {
        return Math.max(peakThisWindow, peakLastWindow);
    }

    /** The leader, when a write is worth forwarding to it whatever this replica's load; else null. */
    ReplicaId target() {
        ReplicaId target = leader().replica;
        if (target == null || target.equals(self) || !leaderEverProposed) return null;
        long now = nanoClock.getAsLong();
        if (now - leaderProposedAtNanos > activeWindowNanos) return null;
        if (everFailed && now - failedAtNanos < backOffNanos) return null;
        return target;
    }

    /** Notes that {@code sender} just sent this replica prepares: a busy leader is worth forwarding to. */
    public void onPrepares(ReplicaId sender) {
        if (sender.equals(leader().replica)) {
            leaderProposedAtNanos = nanoClock.getAsLong();
            leaderEverProposed = true;
        }
    }

    /**
     * Forwards {@code writes} to {@code target}. A call that certainly never ran there is
     * {@link ForwardReply#declined}, so the caller proposes the writes itself; one that may have
     * run has an unknown outcome.
     */
    public ForwardReply forward(ReplicaId target, List<Write> writes) {
        ForwardReply reply;
        try {
            reply = port.forward(target, writes).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ForwardReply.outcomeUnknown("interrupted while the write was forwarded to replica " + target);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            backOff(target, cause.toString());
            return cause instanceof RemoteException e && Delivery.certainlyNotDelivered(e)
                    ? ForwardReply.declined("replica " + target + " could not be reached: " + e)
                    : ForwardReply.outcomeUnknown("the write was forwarded to replica " + target + ", which did not answer: " + cause);
        }
        if (reply.declined()) backOff(target, reply.reason());
        return reply;
    }

    private void backOff(ReplicaId target, String why) {
        failedAtNanos = nanoClock.getAsLong();
        everFailed = true;
        log.info("replica {} did not take a forwarded write ({}); proposing writes here for {} ms", target, why,
                backOffNanos / 1_000_000);
    }

    private Leader leader() {
        View view = views.get();
        Leader known = leader;
        if (known.view == view) return known;
        ReplicaId lowest = null;
        for (ReplicaId up : view.up()) {
            if (lowest == null || up.compareTo(lowest) < 0) lowest = up;
        }
        Leader chosen = new Leader(view, lowest);
        leader = chosen;
        return chosen;
    }

    /** The leader of one view: computed once per view, as views change rarely and writes do not. */
    private record Leader(View view, ReplicaId replica) {}
}
