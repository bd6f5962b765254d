package dev.kvstore.verify;

import dev.kvstore.verify.check.CheckResult;
import dev.kvstore.verify.check.Verdict;
import dev.kvstore.verify.history.FaultAction;
import dev.kvstore.verify.history.FaultEvent;
import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary of a run: operations by outcome and kind, faults by kind, and each checker's verdict
 * with its details; and the exit code that goes with the verdicts. Stateless.
 */
public final class RunReport {
    /** Every checker passed. */
    public static final int EXIT_PASS = 0;
    /** A checker found a violation. */
    public static final int EXIT_VIOLATION = 1;
    /** No violation, but a checker could not reach a verdict. */
    public static final int EXIT_UNKNOWN = 3;
    /** The run itself could not be carried out (the cluster did not start, the data directory is not empty...). */
    public static final int EXIT_ERROR = 4;

    private RunReport() {}

    public static Verdict overall(List<CheckResult> results) {
        Verdict v = Verdict.PASS;
        for (CheckResult r : results) v = v.and(r.verdict());
        return v;
    }

    public static int exitCode(List<CheckResult> results) {
        return switch (overall(results)) {
            case PASS -> EXIT_PASS;
            case FAIL -> EXIT_VIOLATION;
            case UNKNOWN -> EXIT_UNKNOWN;
        };
    }

    public static void print(PrintStream out, RunSettings settings, List<Operation> ops, List<FaultEvent> faults, List<CheckResult> results) {
        out.println();
        out.println("=== KVStore fault run: profile " + settings.profile() + ", seed " + settings.seed() + " ===");
        out.println("operations: " + ops.size() + " in all");
        Map<OpType, Map<Outcome, Integer>> byType = new EnumMap<>(OpType.class);
        for (Operation op : ops) byType.computeIfAbsent(op.type(), t -> new EnumMap<>(Outcome.class)).merge(op.outcome(), 1, Integer::sum);
        Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
        for (Operation op : ops) byOutcome.merge(op.outcome(), 1, Integer::sum);
        out.println("  by outcome: " + counts(byOutcome));
        byType.forEach((type, counts) -> out.println("  " + type.jsonName() + ": " + counts(counts)));
        Map<String, Integer> faultCounts = new TreeMap<>();
        for (FaultEvent f : faults) {
            if (f.action().injectsFault() || f.action() == FaultAction.SKIPPED) faultCounts.merge(f.action().jsonName(), 1, Integer::sum);
        }
        long injected = faults.stream().filter(f -> f.action().injectsFault()).count();
        out.println("faults injected: " + injected + (faultCounts.isEmpty() ? "" : " " + faultCounts));
        out.println("checkers:");
        for (CheckResult r : results) out.printf("  %-16s %-7s %s%n", r.checker(), r.verdict(), r.summary());
        for (CheckResult r : results) {
            if (r.details().isEmpty()) continue;
            out.println();
            out.println("--- " + r.checker() + " (" + r.verdict() + ") ---");
            for (String line : r.details()) out.println("  " + line);
        }
        out.println();
        out.println("verdict: " + overall(results) + " (seed " + settings.seed() + ")");
    }

    private static String counts(Map<Outcome, Integer> counts) {
        StringBuilder s = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            if (s.length() > 0) s.append(", ");
            s.append(o.jsonName()).append(' ').append(counts.getOrDefault(o, 0));
        }
        return s.toString();
    }
}
