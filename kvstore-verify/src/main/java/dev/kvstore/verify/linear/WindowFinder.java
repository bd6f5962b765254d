package dev.kvstore.verify.linear;

import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Shrinks a non-linearizable key history to a small failing window: from the shortest failing prefix
 * (up to the culprit's completion), keep what follows the latest cut where no acknowledged operation
 * is running, such that it still fails from any state the key could hold at the cut. Everything
 * acknowledged before such a cut precedes everything after it, so that window alone proves the
 * violation. Stateless.
 */
final class WindowFinder {
    private WindowFinder() {}

    /**
     * The window, given that {@code keyOps} has no linearization once {@code culprit} completes (see
     * {@link WglSearch#furthestBlocked()}).
     */
    static FailingWindow find(String key, List<Operation> keyOps, Operation culprit, LongSupplier clock, long deadlineNanos) {
        List<Operation> prefix = LinearHistory.prefixAt(keyOps, culprit.completeNanos());
        for (long cut : quietCutsLatestFirst(prefix)) {
            if (clock.getAsLong() - deadlineNanos > 0) break;
            List<Operation> window = new ArrayList<>();
            Set<String> valuesBefore = new HashSet<>();
            for (Operation op : prefix) {
                if (op.invokeNanos() >= cut || op.outcome() == Outcome.INFO) window.add(op);
                if (op.type() == OpType.PUT && op.invokeNanos() < cut) valuesBefore.add(op.value());
            }
            if (check(window, RegisterModel.windowAfter(valuesBefore), RegisterState.ANY, clock, deadlineNanos)
                    == WglSearch.Result.NOT_LINEARIZABLE) {
                return new FailingWindow(key, window, culprit, true, context(window, keyOps));
            }
        }
        return new FailingWindow(key, prefix, culprit, false, List.of());
    }

    private static WglSearch.Result check(List<Operation> ops, RegisterModel model, RegisterState initial,
            LongSupplier clock, long deadlineNanos) {
        return new WglSearch(LinearHistory.prepare(ops), model, initial).run(clock, deadlineNanos);
    }

    /**
     * Invocation times of acknowledged operations at which no other acknowledged operation is running:
     * everything acknowledged before such a cut precedes everything after it in any linearization.
     */
    static List<Long> quietCutsLatestFirst(List<Operation> ops) {
        List<Operation> acknowledged = ops.stream().filter(op -> op.outcome() == Outcome.OK)
                .sorted(Comparator.comparingLong(Operation::invokeNanos)).toList();
        List<Long> cuts = new ArrayList<>();
        long runningUntil = Long.MIN_VALUE;
        for (Operation op : acknowledged) {
            boolean repeated = !cuts.isEmpty() && cuts.get(cuts.size() - 1) == op.invokeNanos();
            if (runningUntil < op.invokeNanos() && !repeated) cuts.add(op.invokeNanos());
            runningUntil = Math.max(runningUntil, op.completeNanos());
        }
        Collections.reverse(cuts);
        return cuts;
    }

    /** The writes, outside the window, of values that reads in the window returned. */
    private static List<Operation> context(List<Operation> window, List<Operation> keyOps) {
        Set<Long> inWindow = new HashSet<>();
        Set<String> read = new LinkedHashSet<>();
        for (Operation op : window) {
            inWindow.add(op.id());
            if (op.type() == OpType.GET && op.readValue() != null) read.add(op.readValue());
        }
        return keyOps.stream()
                .filter(op -> op.type() == OpType.PUT && read.contains(op.value()) && !inWindow.contains(op.id()))
                .toList();
    }
}
