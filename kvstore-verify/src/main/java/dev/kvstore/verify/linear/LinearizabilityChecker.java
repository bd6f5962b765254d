package dev.kvstore.verify.linear;

import dev.kvstore.verify.check.Verdict;
import dev.kvstore.verify.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Checks that each key's history is linearizable against the register model (keys are independent,
 * so each is checked alone). Each key gets {@code budget} for the search and as much again to shrink
 * a violation to a window; a search that runs out of time gives {@link Verdict#UNKNOWN}, never a
 * guess. Thread-safe: keys are checked in parallel on a private pool per call.
 */
public final class LinearizabilityChecker {
    private final Duration budget;
    private final LongSupplier clock;

    public LinearizabilityChecker(Duration budget, LongSupplier nanoClock) {
        if (budget.isNegative() || budget.isZero()) throw new IllegalArgumentException("budget is positive: " + budget);
        this.budget = budget;
        this.clock = nanoClock;
    }

    /** The verdict for one key, given every operation recorded on it. */
    public KeyVerdict check(String key, List<Operation> keyOps) {
        List<LinearOp> prepared = LinearHistory.prepare(keyOps);
        WglSearch search = new WglSearch(prepared, RegisterModel.wholeHistory(), RegisterState.ABSENT);
        WglSearch.Result result = search.run(clock, clock.getAsLong() + budget.toNanos());
        return switch (result) {
            case LINEARIZABLE -> new KeyVerdict(key, Verdict.PASS, prepared.size(), search.configurations(), null, "linearizable");
            case OUT_OF_TIME -> new KeyVerdict(key, Verdict.UNKNOWN, prepared.size(), search.configurations(), null,
                    "no verdict within " + budget.toSeconds() + " s (" + search.configurations() + " configurations explored)");
            case NOT_LINEARIZABLE -> {
                Operation culprit = search.furthestBlocked().source();
                FailingWindow window = WindowFinder.find(key, keyOps, culprit, clock, clock.getAsLong() + budget.toNanos());
                yield new KeyVerdict(key, Verdict.FAIL, prepared.size(), search.configurations(), window,
                        "not linearizable: no linearization once " + window.culprit().describe() + " completes");
            }
        };
    }

    /** Verdicts for every key in {@code operations}, by key. */
    public List<KeyVerdict> checkAll(List<Operation> operations) {
        Map<String, List<Operation>> byKey = new TreeMap<>();
        for (Operation op : operations) byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
        int threads = Math.max(1, Math.min(byKey.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "linearizability-checker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<KeyVerdict>> futures = new ArrayList<>();
            for (Map.Entry<String, List<Operation>> e : byKey.entrySet()) {
                futures.add(pool.submit(() -> check(e.getKey(), e.getValue())));
            }
            List<KeyVerdict> verdicts = new ArrayList<>();
            for (Future<KeyVerdict> f : futures) verdicts.add(f.get());
            return verdicts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking linearizability", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the linearizability check failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
