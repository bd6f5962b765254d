package dev.kvstore.verify.nemesis;

import java.util.EnumSet;
import java.util.Set;

/**
 * One fault episode the nemesis can stage: single faults and combinations. Each needs every one of its
 * categories enabled, and targets {@link #replicas()} distinct replicas.
 */
public enum FaultKind {
    KILL_REPLICA(1, FaultCategory.KILL),
    KILL_TWO_REPLICAS(2, FaultCategory.KILL),
    PAUSE_REPLICA(1, FaultCategory.PAUSE),
    KILL_COORDINATOR(0, FaultCategory.COORDINATOR),
    PAUSE_AND_KILL(2, FaultCategory.PAUSE, FaultCategory.KILL),
    COORDINATOR_AND_KILL(1, FaultCategory.COORDINATOR, FaultCategory.KILL),
    COORDINATOR_AND_PAUSE(1, FaultCategory.COORDINATOR, FaultCategory.PAUSE);

    private final int replicas;
    private final Set<FaultCategory> needs;

    FaultKind(int replicas, FaultCategory first, FaultCategory... rest) {
        this.replicas = replicas;
        this.needs = EnumSet.of(first, rest);
    }

    /** How many distinct replicas the episode targets. */
    public int replicas() {
        return replicas;
    }

    /** Whether every category this kind needs is in {@code enabled}. */
    public boolean allowedBy(Set<FaultCategory> enabled) {
        return enabled.containsAll(needs);
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
