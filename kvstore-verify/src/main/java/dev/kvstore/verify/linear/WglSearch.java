package dev.kvstore.verify.linear;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The Wing–Gong linearizability search with Lowe's memoization, as Porcupine implements it: walk the
 * call and return events in time order, linearize a pending call when the model allows it, and
 * backtrack at a return whose operation is not yet linearized. A configuration (set of linearized
 * operations, state) already explored is never explored again ({@link SearchMemo}). Not thread-safe;
 * one instance per search, run once.
 *
 * <p>Operations of unknown outcome never return and need not take effect. An unknown write whose
 * effect nothing observes can be left out of any linearization, so the search only ever places one
 * immediately before an operation that observes the state (a read, or a delete with a known answer),
 * as the {@link UnknownWrites#candidatesBefore prelude} of that operation. That keeps histories with
 * many lost answers tractable.
 *
 * <p>References: Wing &amp; Gong 1993; Lowe, "Testing for linearizability", 2017; Horn &amp; Kroening 2015.
 */
public final class WglSearch {
    /** What the search concluded. */
    public enum Result { LINEARIZABLE, NOT_LINEARIZABLE, OUT_OF_TIME }

    private static final int CLOCK_CHECK_INTERVAL = 1 << 12;

    private static final class Event {
        final LinearOp op;
        final boolean call;
        final long time;
        Event match;
        Event prev;
        Event next;

        Event(LinearOp op, boolean call, long time) {
            this.op = op;
            this.call = call;
            this.time = time;
        }
    }

    /** A choice made: {@code call}'s operation, after {@code prelude} (candidate number {@code candidate}, 0 = none). */
    private record Frame(Event call, RegisterState stateBefore, int candidate, LinearOp prelude) {}

    private final List<LinearOp> ops;
    private final RegisterModel model;
    private final RegisterState initial;
    private final UnknownWrites unknown;
    private final SearchMemo memo = new SearchMemo();
    private final int[] slot; // op index -> dense number among acknowledged operations, -1 for unknown ones
    private final int slots;
    private LinearOp furthestBlocked;
    private boolean ran;

    public WglSearch(List<LinearOp> ops, RegisterModel model, RegisterState initial) {
        this.ops = List.copyOf(ops);
        this.model = model;
        this.initial = initial;
        for (int i = 0; i < this.ops.size(); i++) {
            if (this.ops.get(i).index() != i) throw new IllegalArgumentException("operation " + i + " has index " + this.ops.get(i).index());
        }
        this.unknown = new UnknownWrites(this.ops);
        this.slot = new int[this.ops.size()];
        int next = 0;
        for (LinearOp op : this.ops) slot[op.index()] = op.returns() ? next++ : -1;
        this.slots = next;
    }

    /** Searches until done or until {@code clock} passes {@code deadlineNanos}. */
    public Result run(LongSupplier clock, long deadlineNanos) {
        if (ran) throw new IllegalStateException("This search has already run; it cannot be run more than once.");
        ran = true;
        Event head = buildEvents();
        BitSet acknowledgedDone = new BitSet(slots); // by slot: acknowledged operations linearized
        BitSet readValuePutsDone = new BitSet(ops.size()); // by index: unknown puts of read values linearized
        Deque<Frame> stack = new ArrayDeque<>();
        RegisterState state = initial;
        int unlinearized = slots;
        Event event = head.next;
        int firstCandidate = 0;
        long steps = 0;
        while (unlinearized > 0) {
            if (++steps % CLOCK_CHECK_INTERVAL == 0 && clock.getAsLong() - deadlineNanos > 0) return Result.OUT_OF_TIME;
            if (event != null && event.call) {
                LinearOp op = event.op;
                List<LinearOp> preludes = op.observes()
                        ? unknown.candidatesBefore(op, readValuePutsDone, firstReturnTime(event)) : List.of();
                boolean advanced = false;
                for (int k = firstCandidate; k <= preludes.size() && !advanced; k++) {
                    LinearOp prelude = k == 0 ? null : preludes.get(k - 1);
                    RegisterState mid = prelude == null ? state : model.step(state, prelude);
                    RegisterState next = mid == null ? null : model.step(mid, op);
                    if (next == null) continue;
                    take(op, prelude, acknowledgedDone, readValuePutsDone);
                    if (memo.firstVisit(acknowledgedDone, next, readValuePutsDone, unknown.unreadPutsTaken(), unknown.deletesTaken())) {
                        stack.push(new Frame(event, state, k, prelude));
                        state = next;
                        unlinearized--;
                        lift(event);
                        event = head.next;
                        firstCandidate = 0;
                        advanced = true;
                    } else {
                        untake(op, prelude, acknowledgedDone, readValuePutsDone);
                    }
                }
                if (!advanced) {
                    event = event.next;
                    firstCandidate = 0;
                }
            } else {
                // A return (or the end) before its operation was linearized: undo the last choice.
                if (event != null && (furthestBlocked == null || event.time > furthestBlocked.ret())) furthestBlocked = event.op;
                if (stack.isEmpty()) return Result.NOT_LINEARIZABLE;
                Frame top = stack.pop();
                state = top.stateBefore();
                untake(top.call().op, top.prelude(), acknowledgedDone, readValuePutsDone);
                unlinearized++;
                unlift(top.call());
                event = top.call();
                firstCandidate = top.candidate() + 1; // try the same operation's next prelude
            }
        }
        return Result.LINEARIZABLE;
    }

    private void take(LinearOp op, LinearOp prelude, BitSet acknowledgedDone, BitSet readValuePutsDone) {
        acknowledgedDone.set(slot[op.index()]);
        if (prelude == null) return;
        if (UnknownWrites.isReadValuePut(prelude)) readValuePutsDone.set(prelude.index());
        unknown.taken(prelude);
    }

    private void untake(LinearOp op, LinearOp prelude, BitSet acknowledgedDone, BitSet readValuePutsDone) {
        acknowledgedDone.clear(slot[op.index()]);
        if (prelude == null) return;
        if (UnknownWrites.isReadValuePut(prelude)) readValuePutsDone.clear(prelude.index());
        unknown.untaken(prelude);
    }

    /**
     * After {@link Result#NOT_LINEARIZABLE}: the operation whose return no linearization got past. The
     * history up to its completion is the shortest prefix with no linearization: the search reached
     * every configuration that linearizes all that returned earlier, and none of them could take it.
     */
    public LinearOp furthestBlocked() {
        return furthestBlocked;
    }

    /** Configurations explored by the last run, for reports. */
    public int configurations() {
        return memo.size();
    }

    /** The time of the first return at or after {@code call}; every event before {@code call} is a call. */
    private static long firstReturnTime(Event call) {
        for (Event e = call; e != null; e = e.next) {
            if (!e.call) return e.time;
        }
        return Long.MAX_VALUE;
    }

    private Event buildEvents() {
        List<Event> events = new ArrayList<>(2 * ops.size());
        for (LinearOp op : ops) {
            if (!op.returns()) continue; // unknown outcome: only ever a prelude
            Event call = new Event(op, true, op.call());
            Event ret = new Event(op, false, op.ret());
            call.match = ret;
            events.add(call);
            events.add(ret);
        }
        // Calls before returns at the same instant: such operations count as concurrent.
        events.sort(Comparator.<Event>comparingLong(e -> e.time).thenComparing(e -> !e.call).thenComparingInt(e -> e.op.index()));
        Event head = new Event(null, false, Long.MIN_VALUE);
        Event last = head;
        for (Event e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        return head;
    }

    private static void lift(Event call) {
        unlink(call);
        unlink(call.match);
    }

    private static void unlink(Event e) {
        e.prev.next = e.next;
        if (e.next != null) e.next.prev = e.prev;
    }

    private static void unlift(Event call) {
        relink(call.match);
        relink(call);
    }

    private static void relink(Event e) {
        e.prev.next = e;
        if (e.next != null) e.next.prev = e;
    }
}
