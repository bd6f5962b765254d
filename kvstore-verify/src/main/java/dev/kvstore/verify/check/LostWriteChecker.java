package dev.kvstore.verify.check;

import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * No acknowledged write is lost: after healing, the value every replica holds for a key (read by the
 * process {@value #FINAL_READER}) must come from a write that may legally be the key's last one. A
 * write may be last unless an acknowledged write was invoked after it completed (that one follows it
 * in every linearization); a write of unknown outcome never completed, so it may always be last;
 * "absent" needs such a delete, or no acknowledged write at all. Stateless.
 */
public final class LostWriteChecker {
    /** The process name of the reads made on every replica after healing. */
    public static final String FINAL_READER = "final";
    static final String NAME = "no lost writes";

    private LostWriteChecker() {}

    public static CheckResult check(List<Operation> operations) {
        Map<String, List<Operation>> writesByKey = new TreeMap<>();
        Map<String, List<Operation>> finalReadsByKey = new TreeMap<>();
        for (Operation op : operations) {
            if (op.process().equals(FINAL_READER) && op.type() == OpType.GET) {
                finalReadsByKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            } else if (op.type().isWrite() && op.outcome() != Outcome.FAIL) {
                writesByKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        if (finalReadsByKey.isEmpty()) return new CheckResult(NAME, Verdict.UNKNOWN, "no final reads were made", List.of());
        List<String> problems = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        int reads = 0;
        for (Map.Entry<String, List<Operation>> e : finalReadsByKey.entrySet()) {
            List<Operation> writes = writesByKey.getOrDefault(e.getKey(), List.of());
            for (Operation read : e.getValue()) {
                if (read.outcome() != Outcome.OK) {
                    // A failed attempt is fine if another attempt on the same replica answered.
                    boolean answered = e.getValue().stream().anyMatch(r -> r.node() == read.node() && r.outcome() == Outcome.OK);
                    if (!answered) {
                        verdict = verdict.and(Verdict.UNKNOWN);
                        problems.add(read.key() + " on replica " + read.node() + ": no answer to the final read (" + read.error() + ")");
                    }
                    continue;
                }
                reads++;
                String problem = explainIllegalFinalValue(read, writes);
                if (problem != null) {
                    verdict = Verdict.FAIL;
                    problems.add(read.key() + " on replica " + read.node() + ": " + problem);
                }
            }
        }
        String summary = verdict == Verdict.PASS
                ? reads + " final reads over " + finalReadsByKey.size() + " keys: every value is a write that may be the last one"
                : problems.size() + " of " + reads + " final reads are not explained by the history";
        return new CheckResult(NAME, verdict, summary, problems);
    }

    /** Why the value {@code read} saw cannot be the key's final state, or null when it can. */
    static String explainIllegalFinalValue(Operation read, List<Operation> writes) {
        List<Operation> acknowledged = writes.stream().filter(w -> w.outcome() == Outcome.OK).toList();
        String value = read.readValue();
        List<Operation> sources = writes.stream()
                .filter(w -> value == null ? w.type() == OpType.DELETE : w.type() == OpType.PUT && value.equals(w.value()))
                .toList();
        if (value == null && acknowledged.isEmpty()) return null; // never written: absent from the start
        if (value != null && sources.isEmpty()) return "holds " + value + ", which no put wrote";
        for (Operation source : sources) {
            if (followerOf(source, acknowledged) == null) return null;
        }
        Operation source = sources.isEmpty() ? null : sources.get(sources.size() - 1);
        Operation last = acknowledged.stream().max((a, b) -> Long.compare(a.completeNanos(), b.completeNanos())).orElseThrow();
        if (source == null) {
            return "absent, but no delete could follow the acknowledged " + last.describe() + " (lost)";
        }
        Operation follower = Objects.requireNonNull(followerOf(source, acknowledged));
        return "holds " + (value == null ? "absent" : value) + " from " + source.describe()
                + ", but the acknowledged " + follower.describe() + " was invoked after it completed (lost)";
    }

    /** An acknowledged write that must follow {@code write} (invoked after it completed), or null. */
    private static Operation followerOf(Operation write, List<Operation> acknowledged) {
        if (write.outcome() != Outcome.OK) return null; // unknown outcome: it may take effect at any time
        for (Operation other : acknowledged) {
            if (other.invokeNanos() > write.completeNanos()) return other;
        }
        return null;
    }
}
