package dev.kvstore.verify.linear;

import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the recorded operations on one key into what the search checks. Failed operations had no
 * effect and are dropped; so are reads with no answer. Writes of unknown outcome never return. A
 * value no read ever returned becomes {@link RegisterState#PRESENT_UNREAD}: such writes are
 * interchangeable, which keeps the search small. Stateless.
 */
public final class LinearHistory {
    private LinearHistory() {}

    /** The operations of one key, in call order, ready for {@link WglSearch}. */
    public static List<LinearOp> prepare(List<Operation> keyOps) {
        List<Operation> kept = new ArrayList<>();
        for (Operation op : keyOps) {
            if (op.outcome() == Outcome.FAIL) continue;
            if (op.outcome() == Outcome.INFO && op.type() == OpType.GET) continue;
            kept.add(op);
        }
        kept.sort(Comparator.comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id));
        Set<String> readValues = new HashSet<>();
        for (Operation op : kept) {
            if (op.type() == OpType.GET && op.readValue() != null) readValues.add(op.readValue());
        }
        List<LinearOp> ops = new ArrayList<>(kept.size());
        for (Operation op : kept) {
            int index = ops.size();
            boolean known = op.outcome() == Outcome.OK;
            long ret = known ? op.completeNanos() : LinearOp.NEVER;
            ops.add(switch (op.type()) {
                case GET -> new LinearOp(index, LinearOp.Kind.READ, null, op.readValue(), null, op.invokeNanos(), ret, op);
                case PUT -> new LinearOp(index, LinearOp.Kind.WRITE,
                        readValues.contains(op.value()) ? RegisterState.of(op.value()) : RegisterState.PRESENT_UNREAD,
                        null, null, op.invokeNanos(), ret, op);
                case DELETE -> new LinearOp(index, LinearOp.Kind.DELETE, null, null, known ? op.existed() : null,
                        op.invokeNanos(), ret, op);
            });
        }
        return ops;
    }

    /**
     * The history as it stood at time {@code t}: operations completed by then as recorded, writes
     * still running at {@code t} as of unknown outcome, reads still running and anything invoked
     * later left out. Every prefix of a linearizable history is linearizable.
     */
    public static List<Operation> prefixAt(List<Operation> keyOps, long t) {
        List<Operation> prefix = new ArrayList<>();
        for (Operation op : keyOps) {
            if (op.outcome() == Outcome.FAIL || op.invokeNanos() > t) continue;
            if (op.outcome() == Outcome.INFO || op.completeNanos() <= t) {
                prefix.add(op);
            } else if (op.type().isWrite()) {
                prefix.add(new Operation(op.id(), op.process(), op.node(), op.type(), op.key(), op.value(), Outcome.INFO,
                        null, null, op.invokeNanos(), op.completeNanos(), "still running at the end of the prefix"));
            }
        }
        return prefix;
    }
}
