package dev.kvstore.verify.check;

import java.util.List;
import java.util.Objects;

/**
 * One checker's conclusion on a run, with a one-line summary and the details a reader needs to see
 * why (a failing window, the replicas that disagree). Immutable.
 */
public record CheckResult(String checker, Verdict verdict, String summary, List<String> details) {
    public CheckResult {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        details = List.copyOf(details);
    }

    public static CheckResult pass(String checker, String summary) {
        return new CheckResult(checker, Verdict.PASS, summary, List.of());
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
