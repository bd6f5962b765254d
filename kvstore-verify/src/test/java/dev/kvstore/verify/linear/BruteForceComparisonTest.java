package dev.kvstore.verify.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.verify.check.Verdict;
import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The search's shortcuts (memo, unknown writes only as preludes, interchangeable writes in call
 * order) against the definition itself: on thousands of tiny random histories, linearizable or not,
 * the checker agrees with trying every order of every subset of unknown writes.
 */
class BruteForceComparisonTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker(Duration.ofSeconds(10), System::nanoTime);

    @Test
    void agreesWithExhaustiveSearchOnTinyRandomHistories() {
        Random random = new Random(20240601);
        int violations = 0;
        for (int i = 0; i < 4_000; i++) {
            List<Operation> ops = tinyHistory(random);
            boolean expected = bruteForce(ops);
            Verdict actual = checker.check("k", ops).verdict();
            assertThat(actual).as("history %d: %s", i, ops).isEqualTo(expected ? Verdict.PASS : Verdict.FAIL);
            if (!expected) violations++;
        }
        assertThat(violations).as("both kinds of history were tried").isBetween(500, 3_500);
    }

    private static List<Operation> tinyHistory(Random random) {
        int n = 3 + random.nextInt(5);
        List<Operation> ops = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long invoke = random.nextInt(40);
            long complete = invoke + 1 + random.nextInt(15);
            OpType type = OpType.values()[random.nextInt(3)];
            Outcome outcome = type.isWrite() && random.nextInt(4) == 0 ? Outcome.INFO : Outcome.OK;
            String value = type == OpType.PUT ? "v" + i : null;
            if (value != null) written.add(value);
            String read = null;
            if (type == OpType.GET && random.nextInt(3) > 0 && !written.isEmpty()) read = written.get(random.nextInt(written.size()));
            if (type == OpType.GET && random.nextInt(10) == 0) read = "never-written";
            Boolean existed = type == OpType.DELETE && outcome == Outcome.OK ? random.nextBoolean() : null;
            ops.add(new Operation(i + 1, "c" + i, 1, type, "k", value, outcome, read, existed, invoke, complete, null));
        }
        return ops;
    }

    /** Linearizable iff some subset of the unknown writes plus every acknowledged op has a legal order respecting real time. */
    static boolean bruteForce(List<Operation> ops) {
        List<Operation> unknown = ops.stream().filter(op -> op.outcome() == Outcome.INFO).toList();
        List<Operation> known = ops.stream().filter(op -> op.outcome() == Outcome.OK).toList();
        for (int mask = 0; mask < (1 << unknown.size()); mask++) {
            List<Operation> chosen = new ArrayList<>(known);
            for (int b = 0; b < unknown.size(); b++) if ((mask & (1 << b)) != 0) chosen.add(unknown.get(b));
            if (someOrderWorks(chosen, new ArrayList<>(), null)) return true;
        }
        return false;
    }

    private static boolean someOrderWorks(List<Operation> left, List<Operation> placed, String state) {
        if (left.isEmpty()) return true;
        for (Operation op : left) {
            // op may go next only if nothing left had to precede it (returned before op was invoked).
            boolean blocked = left.stream().anyMatch(o -> o != op && o.outcome() == Outcome.OK && o.completeNanos() < op.invokeNanos());
            if (blocked) continue;
            String next;
            switch (op.type()) {
                case PUT -> next = op.value();
                case GET -> {
                    if (!java.util.Objects.equals(state, op.readValue())) continue;
                    next = state;
                }
                default -> {
                    if (op.existed() != null && op.existed() != (state != null)) continue;
                    next = null;
                }
            }
            List<Operation> rest = new ArrayList<>(left);
            rest.remove(op);
            placed.add(op);
            if (someOrderWorks(rest, placed, next)) return true;
            placed.remove(placed.size() - 1);
        }
        return false;
    }
}
