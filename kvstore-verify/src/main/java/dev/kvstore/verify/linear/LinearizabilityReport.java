package dev.kvstore.verify.linear;

import dev.kvstore.verify.check.CheckResult;
import dev.kvstore.verify.check.Verdict;
import dev.kvstore.verify.history.FaultEvent;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the per-key verdicts into the run's linearizability result: one line per key, and for each
 * violation its failing window with the writes its reads came from and the faults around it. Stateless.
 */
public final class LinearizabilityReport {
    static final String NAME = "linearizability";
    private static final int MAX_WINDOW_LINES = 60;
    private static final long FAULT_LOOKBACK_NANOS = 10_000_000_000L;

    private LinearizabilityReport() {}

    public static CheckResult toResult(List<KeyVerdict> verdicts, List<FaultEvent> faults) {
        Verdict verdict = Verdict.PASS;
        int ops = 0;
        List<String> lines = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (KeyVerdict v : verdicts) {
            verdict = verdict.and(v.verdict());
            ops += v.operationsChecked();
            lines.add(String.format("%s: %s, %d operations checked, %d configurations: %s", v.key(), v.verdict(),
                    v.operationsChecked(), v.configurations(), v.note()));
            if (v.window() != null) {
                failing.add(v.key());
                lines.addAll(describe(v.window(), faults));
            }
        }
        String summary = switch (verdict) {
            case PASS -> ops + " operations over " + verdicts.size() + " keys: every key linearizable";
            case FAIL -> "not linearizable on " + failing.size() + " of " + verdicts.size() + " keys: " + String.join(", ", failing);
            case UNKNOWN -> "no verdict on some keys within the time budget (" + ops + " operations)";
        };
        return new CheckResult(NAME, verdict, summary, lines);
    }

    /** The window as indented lines: culprit, window (capped), sources of values read, faults nearby. */
    public static List<String> describe(FailingWindow w, List<FaultEvent> faults) {
        List<String> out = new ArrayList<>();
        out.add("  no linearization once this completes: " + line(w.culprit()));
        List<Operation> acknowledged = w.operations().stream().filter(op -> op.outcome() == Outcome.OK).toList();
        List<Operation> unknownEarlier = w.operations().stream()
                .filter(op -> op.outcome() == Outcome.INFO && op.invokeNanos() < w.startNanos()).toList();
        out.add(w.fromAnyState()
                ? "  failing window, from any state the key may hold at " + seconds(w.startNanos()) + " s ("
                        + acknowledged.size() + " acknowledged operations; " + unknownEarlier.size() + " earlier writes of unknown outcome also considered):"
                : "  failing prefix, from an absent key (" + acknowledged.size() + " acknowledged operations):");
        List<Operation> shown = w.operations().stream().filter(op -> !unknownEarlier.contains(op))
                .sorted(Comparator.comparingLong(Operation::invokeNanos)).toList();
        if (shown.size() > MAX_WINDOW_LINES) {
            out.add("    ... " + (shown.size() - MAX_WINDOW_LINES) + " earlier operations (see the history file)");
            shown = shown.subList(shown.size() - MAX_WINDOW_LINES, shown.size());
        }
        for (Operation op : shown) out.add("    " + line(op) + (op.id() == w.culprit().id() ? "   <== culprit" : ""));
        for (Operation op : unknownEarlier) out.add("    (earlier, unknown outcome) " + line(op));
        if (!w.context().isEmpty()) {
            out.add("  values read in the window were written by:");
            for (Operation op : w.context()) out.add("    " + line(op));
        }
        long from = w.startNanos() - FAULT_LOOKBACK_NANOS;
        List<FaultEvent> nearby = faults.stream().filter(f -> f.atNanos() >= from && f.atNanos() <= w.endNanos()).toList();
        if (!nearby.isEmpty()) {
            out.add("  faults from 10 s before the window to its end:");
            for (FaultEvent f : nearby) out.add(String.format("    %10.3f s %s", f.atNanos() / 1e9, f.describe()));
        }
        return out;
    }

    private static String line(Operation op) {
        return String.format("[%10.3f .. %10.3f s] %s", op.invokeNanos() / 1e9, op.completeNanos() / 1e9, op.describe());
    }

    private static String seconds(long nanos) {
        return String.format("%.3f", nanos / 1e9);
    }
}
