package dev.kvstore.verify.nemesis;

import java.util.List;
import java.util.Objects;

/**
 * One episode of the schedule: at {@code atNanos} (history time) inject {@code kind} on the replicas
 * at {@code replicaIndexes} (positions in the cluster's port list), and heal it {@code holdNanos}
 * later; when it both paused a replica and killed the coordinator, {@code restartCoordinatorFirst}
 * says which comes back first. Immutable.
 */
public record PlannedFault(long atNanos, FaultKind kind, List<Integer> replicaIndexes, long holdNanos, boolean restartCoordinatorFirst) {
    public PlannedFault {
        Objects.requireNonNull(kind, "kind");
        replicaIndexes = List.copyOf(replicaIndexes);
        if (replicaIndexes.size() != kind.replicas()) {
            throw new IllegalArgumentException(kind + " targets " + kind.replicas() + " replicas, not " + replicaIndexes.size());
        }
        if (replicaIndexes.stream().distinct().count() != replicaIndexes.size()) {
            throw new IllegalArgumentException("an episode targets distinct replicas: " + replicaIndexes);
        }
        if (holdNanos < 0) throw new IllegalArgumentException("hold is not negative: " + holdNanos);
    }

    public long healAtNanos() {
        return atNanos + holdNanos;
    }
}
