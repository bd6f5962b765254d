package dev.kvstore.coordinator.membership;

import dev.kvstore.api.protocol.ReplicaId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The read leases the coordinator has granted, by replica. A replica answers GETs only while its
 * lease is valid, so a commit that leaves a replica out may be acknowledged only once that
 * replica's lease has run out: {@link #horizonExcluding} says when. Leases granted by an earlier
 * coordinator process are unknown here, so until one lease period after start every commit
 * waits as if some replica still held one. Not thread-safe; time in nanoseconds of a monotonic
 * clock, passed in.
 */
public final class LeaseTable {
    private final long leaseNanos;
    private final long unknownLeasesEndAt;
    private final Map<ReplicaId, Long> expiresAt = new HashMap<>();

    public LeaseTable(long leaseNanos, long startedAt) {
        if (leaseNanos < 0) throw new IllegalArgumentException("a lease is not negative: " + leaseNanos);
        this.leaseNanos = leaseNanos;
        this.unknownLeasesEndAt = startedAt + leaseNanos;
    }

    /** Grants {@code replica} a lease from {@code now}; returns its length. */
    public long grant(ReplicaId replica, long now) {
        expiresAt.merge(replica, now + leaseNanos, Math::max);
        return leaseNanos;
    }

    /** When the last lease of any replica outside {@code participants} runs out (possibly in the past). */
    public long horizonExcluding(Set<ReplicaId> participants) {
        long horizon = unknownLeasesEndAt;
        for (Map.Entry<ReplicaId, Long> e : expiresAt.entrySet()) {
            if (!participants.contains(e.getKey())) horizon = Math.max(horizon, e.getValue());
        }
        return horizon;
    }

    public long leaseNanos() {
        return leaseNanos;
    }
}
