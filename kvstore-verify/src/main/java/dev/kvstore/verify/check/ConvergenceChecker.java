package dev.kvstore.verify.check;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.coordinator.local.LocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After the faults stop, every replica is UP and reports the coordinator's last seq, key count and
 * store digest (DESIGN.md, "What must always hold", 2). {@link #evaluate} judges one set of status
 * answers; {@link #await} asks the cluster until they agree or time runs out. Stateless.
 */
public final class ConvergenceChecker {
    static final String NAME = "convergence";

    private ConvergenceChecker() {}

    /** The verdict on one round of answers; {@code unreachable} maps a replica's port to why it did not answer. */
    public static CheckResult evaluate(ClusterStatus coordinator, Map<Integer, ReplicaStatus> replicas, Map<Integer, String> unreachable) {
        List<String> lines = new ArrayList<>();
        boolean agree = unreachable.isEmpty();
        lines.add(String.format("coordinator: seq %d keys %d digest %s", coordinator.lastSeq(), coordinator.keyCount(), coordinator.digest()));
        for (Map.Entry<Integer, ReplicaStatus> e : replicas.entrySet()) {
            ReplicaStatus r = e.getValue();
            boolean same = r.state() == ReplicaState.UP && r.appliedSeq() == coordinator.lastSeq()
                    && r.keyCount() == coordinator.keyCount() && r.digest().equals(coordinator.digest());
            agree &= same;
            lines.add(String.format("replica %d: %s seq %d keys %d digest %s%s", e.getKey(), r.state(), r.appliedSeq(), r.keyCount(),
                    r.digest(), same ? "" : "   <- differs"));
        }
        unreachable.forEach((port, why) -> lines.add("replica " + port + ": no answer (" + why + ")"));
        return agree
                ? new CheckResult(NAME, Verdict.PASS, "every replica is UP at seq " + coordinator.lastSeq() + " with the coordinator's digest", lines)
                : new CheckResult(NAME, Verdict.FAIL, "replicas and coordinator do not hold the same store", lines);
    }

    /** Asks the cluster every half second until {@link #evaluate} passes or {@code within} has passed. */
    public static CheckResult await(LocalCluster cluster, Duration within) throws InterruptedException {
        long start = System.nanoTime();
        CheckResult last = new CheckResult(NAME, Verdict.FAIL, "the coordinator never answered", List.of());
        while (true) {
            try {
                ClusterStatus coordinator = cluster.coordinatorStatus();
                Map<Integer, ReplicaStatus> replicas = new LinkedHashMap<>();
                Map<Integer, String> unreachable = new LinkedHashMap<>();
                for (int port : cluster.replicaPorts()) {
                    try {
                        replicas.put(port, cluster.replicaStatus(port));
                    } catch (Exception e) {
                        unreachable.put(port, e.toString());
                    }
                }
                last = evaluate(coordinator, replicas, unreachable);
            } catch (Exception e) {
                last = new CheckResult(NAME, Verdict.FAIL, "the coordinator does not answer: " + e, List.of());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (last.passed()) {
                return new CheckResult(NAME, Verdict.PASS, last.summary() + " (after " + took.toMillis() + " ms)", last.details());
            }
            if (took.compareTo(within) > 0) {
                return new CheckResult(NAME, Verdict.FAIL, last.summary() + " after " + within.toSeconds() + " s", last.details());
            }
            Thread.sleep(500);
        }
    }
}
