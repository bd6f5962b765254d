package dev.kvstore.verify;

import dev.kvstore.verify.nemesis.FaultCategory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a fault run needs, resolved from a profile and the command line. Immutable.
 *
 * @param duration how long the clients run; the faults stop {@link #calmTail()} before the end
 * @param dataDir an empty or missing directory for the cluster, or null for a fresh temporary one
 * @param out where the history goes as JSON lines, or null for {@code DATA_DIR/history.jsonl}
 * @param checkBudget time per key for the linearizability search (and as much again to shrink a violation)
 * @param sampleEvery how often to sample memory and threads, or null not to
 */
public record RunSettings(
        String profile,
        Duration duration,
        int clients,
        int keys,
        long seed,
        Set<FaultCategory> faults,
        double opsPerSecondPerClient,
        long maxOps,
        Path dataDir,
        Path out,
        Duration checkBudget,
        Duration sampleEvery) {
    /** Replicas in the cluster under test. */
    public static final int REPLICAS = 5;
    /** Bound on each remote call of the cluster (its --timeout). */
    public static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);
    /** Deadline of each client call: longer than a write's worst case (prepare, decide, commit). */
    public static final Duration CLIENT_DEADLINE = Duration.ofSeconds(5);
    /** Time for the cluster to start, and for it to recover after healing. */
    public static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);
    /** The faults start after this much calm load. */
    public static final Duration WARMUP = Duration.ofSeconds(3);

    public RunSettings {
        Objects.requireNonNull(duration, "duration");
        faults = faults.isEmpty() ? EnumSet.noneOf(FaultCategory.class) : EnumSet.copyOf(faults);
        if (duration.compareTo(Duration.ofSeconds(5)) < 0) throw new IllegalArgumentException("--duration is at least 5s: " + duration);
        if (clients < 1 || keys < 1) throw new IllegalArgumentException("--clients and --keys are at least 1");
    }

    /** Calm load at the end, after the last fault healed: a sixth of the run, between 3 and 10 seconds. */
    public Duration calmTail() {
        Duration sixth = duration.dividedBy(6);
        if (sixth.compareTo(Duration.ofSeconds(3)) < 0) return Duration.ofSeconds(3);
        return sixth.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : sixth;
    }

    public String faultNames() {
        return faults.isEmpty() ? "none" : faults.stream().map(FaultCategory::cliName).collect(Collectors.joining(","));
    }
}
