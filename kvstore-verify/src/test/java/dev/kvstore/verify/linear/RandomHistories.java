package dev.kvstore.verify.linear;

import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random histories on one key that are linearizable by construction: each client runs operations
 * one after another, each takes effect at a random point inside its interval, and results are
 * computed by applying them in that order. A fraction of writes lose their answer (INFO); half of
 * those took effect, half never did.
 */
final class RandomHistories {
    private RandomHistories() {}

    private record Planned(int client, int n, OpType type, long invoke, long point, long complete, boolean unknown, boolean effective) {}

    static List<Operation> linearizable(long seed, int clients, int count, double unknownFraction) {
        Random random = new Random(seed);
        long[] clientTime = new long[clients];
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int c = random.nextInt(clients);
            long invoke = clientTime[c] + random.nextInt(50);
            long point = invoke + 1 + random.nextInt(100);
            long complete = point + 1 + random.nextInt(100);
            int r = random.nextInt(100);
            OpType type = r < 50 ? OpType.GET : r < 85 ? OpType.PUT : OpType.DELETE;
            boolean unknown = type.isWrite() && random.nextDouble() < unknownFraction;
            boolean effective = !unknown || random.nextBoolean();
            planned.add(new Planned(c, i, type, invoke, point, complete, unknown, effective));
            clientTime[c] = complete;
        }
        List<Planned> byPoint = new ArrayList<>(planned);
        byPoint.sort(Comparator.comparingLong(Planned::point));
        String state = null;
        List<Operation> ops = new ArrayList<>();
        for (Planned p : byPoint) {
            String value = "c" + p.client() + "-" + p.n();
            String read = null;
            Boolean existed = null;
            if (p.effective()) {
                switch (p.type()) {
                    case GET -> read = state;
                    case PUT -> state = value;
                    case DELETE -> {
                        existed = state != null;
                        state = null;
                    }
                }
            }
            Outcome outcome = p.unknown() ? Outcome.INFO : Outcome.OK;
            ops.add(new Operation(p.n() + 1, "c" + p.client(), 1111, p.type(), "k", p.type() == OpType.PUT ? value : null,
                    outcome, read, p.unknown() ? null : existed, p.invoke(), p.complete(), p.unknown() ? "timed out" : null));
        }
        return ops;
    }

    /** Replaces the result of the read with id {@code id} by {@code value}. */
    static List<Operation> withRead(List<Operation> ops, long id, String value) {
        return ops.stream().map(op -> op.id() != id ? op : new Operation(op.id(), op.process(), op.node(), op.type(), op.key(),
                op.value(), op.outcome(), value, op.existed(), op.invokeNanos(), op.completeNanos(), op.error())).toList();
    }
}
