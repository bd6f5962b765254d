package dev.kvstore.verify.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The record of a run: every operation with its invocation and completion time, and every action
 * of the nemesis, all on one monotonic clock. Thread-safe; kept in memory only.
 */
public final class History {
    /** An operation that has been invoked and not yet completed; hand it back to {@link #complete}. */
    public record Invocation(String process, int node, OpType type, String key, String value, long invokeNanos) {}

    private final LongSupplier clock;
    private final long origin;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<FaultEvent> faults = new ConcurrentLinkedQueue<>();

    /** A history whose times count from now on {@code nanoClock} (System::nanoTime in a run). */
    public History(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.origin = nanoClock.getAsLong();
    }

    /** Nanoseconds since this history began. */
    public long now() {
        return clock.getAsLong() - origin;
    }

    /** Notes the invocation time; call right before the remote call. */
    public Invocation invoke(String process, int node, OpType type, String key, String value) {
        return new Invocation(process, node, type, key, value, now());
    }

    /** Notes the completion time (call right after the remote call returned or failed) and records the operation. */
    public Operation complete(Invocation inv, Outcome outcome, String readValue, Boolean existed, String error) {
        Operation op = new Operation(ids.incrementAndGet(), inv.process(), inv.node(), inv.type(), inv.key(), inv.value(),
                outcome, readValue, existed, inv.invokeNanos(), now(), error);
        operations.add(op);
        return op;
    }

    /** Adds an operation recorded elsewhere (tests, replays); its id is kept. */
    public void add(Operation op) {
        ids.accumulateAndGet(op.id(), Math::max);
        operations.add(op);
    }

    /** Records a nemesis action at the current time. */
    public FaultEvent fault(FaultAction action, String target, long pid, String note) {
        FaultEvent event = new FaultEvent(ids.incrementAndGet(), action, target, pid, now(), note);
        faults.add(event);
        return event;
    }

    /** Every operation recorded so far, by invocation time. */
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>(operations);
        all.sort(Comparator.comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id));
        return all;
    }

    /** Every nemesis action recorded so far, by time. */
    public List<FaultEvent> faults() {
        List<FaultEvent> all = new ArrayList<>(faults);
        all.sort(Comparator.comparingLong(FaultEvent::atNanos).thenComparingLong(FaultEvent::id));
        return all;
    }
}
