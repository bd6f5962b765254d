package dev.kvstore.verify.check;

import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.verify.workload.OperationRunner;
import dev.kvstore.verify.workload.ReplicaStubs;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * After healing, every replica is UP within a bound, and a write proposed by each replica commits
 * (DESIGN.md, "What must always hold", 4: nothing stays stuck). Writes go to the key
 * {@code liveness-PORT}, through the same recorded path as the workload's. Stateless.
 */
public final class LivenessChecker {
    /** The process name of the liveness writes in the history. */
    public static final String PROCESS = "liveness";
    static final String NAME = "liveness";

    private LivenessChecker() {}

    public static CheckResult check(LocalCluster cluster, ReplicaStubs stubs, OperationRunner runner, Duration within)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        try {
            cluster.awaitAllUp(within);
        } catch (IllegalStateException e) {
            return new CheckResult(NAME, Verdict.FAIL, "not every replica was UP within " + within.toSeconds() + " s",
                    List.of(e.getMessage().split("\n")));
        }
        long allUpMillis = (System.nanoTime() - start) / 1_000_000;
        List<String> lines = new ArrayList<>();
        boolean everyReplicaWrote = true;
        for (int port : cluster.replicaPorts()) {
            String outcome = writeOnce(port, stubs, runner, deadline);
            everyReplicaWrote &= outcome.startsWith("committed");
            lines.add("replica " + port + ": " + outcome);
        }
        String summary = "every replica UP after " + allUpMillis + " ms; "
                + (everyReplicaWrote ? "a write committed through each" : "a write did not commit through every replica");
        return new CheckResult(NAME, everyReplicaWrote ? Verdict.PASS : Verdict.FAIL, summary, lines);
    }

    /** Tries a put through {@code port} until it commits or the deadline passes. */
    private static String writeOnce(int port, ReplicaStubs stubs, OperationRunner runner, long deadline) throws InterruptedException {
        String lastError = "no attempt";
        for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
            try {
                OperationRunner.Attempt a = runner.put(PROCESS, port, stubs.stub(port), "liveness-" + port, "live-" + port + "-" + attempt);
                if (a.ok()) return "committed at attempt " + attempt;
                lastError = a.op().error();
                if (a.error() instanceof RemoteException) stubs.forget(port);
            } catch (RuntimeException e) {
                lastError = e.getMessage(); // the stub could not be looked up
            }
            Thread.sleep(200);
        }
        return "no write committed before the deadline; last error: " + lastError;
    }
}
