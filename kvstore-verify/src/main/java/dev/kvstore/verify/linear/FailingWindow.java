package dev.kvstore.verify.linear;

import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.util.List;

/**
 * The smallest stretch of one key's history found to have no linearization. {@code culprit} is the
 * operation whose completion first made the history non-linearizable. When {@code fromAnyState} is
 * true the window was checked from any state the key could have held at its start, so the window
 * alone proves the violation; otherwise it is the whole history up to the culprit from an absent key.
 * {@code context} holds the writes, outside the window, of values the window's reads returned. Immutable.
 */
public record FailingWindow(String key, List<Operation> operations, Operation culprit, boolean fromAnyState, List<Operation> context) {
    public FailingWindow {
        operations = List.copyOf(operations);
        context = List.copyOf(context);
    }

    /** The invocation of the window's first acknowledged operation (earlier writes of unknown outcome do not count). */
    public long startNanos() {
        return operations.stream().filter(op -> op.outcome() == Outcome.OK).mapToLong(Operation::invokeNanos).min()
                .orElse(culprit.invokeNanos());
    }

    public long endNanos() {
        return culprit.completeNanos();
    }
}
