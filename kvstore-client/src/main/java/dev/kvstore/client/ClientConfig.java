package dev.kvstore.client;

import dev.kvstore.api.protocol.ReplicaId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link KVStoreClient} connects to and how it behaves. Immutable.
 *
 * @param replicas the replica to use first, then the replicas to fail over to, in order; a client
 *     with one replica never fails over
 * @param callTimeout the deadline of reads, status calls and registry lookups
 * @param writeTimeout the deadline of a put or delete: a write waits out the replicas' own
 *     prepare, decide and commit timeouts and, after a fault, the read leases of the replicas it
 *     leaves out, so it needs several times the cluster's timeout
 * @param retry how aborted writes are retried
 */
public record ClientConfig(List<ReplicaId> replicas, Duration callTimeout, Duration writeTimeout, RetryPolicy retry) {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

    /** Settings with the default write deadline, or the call deadline when that is longer. */
    public ClientConfig(List<ReplicaId> replicas, Duration callTimeout, RetryPolicy retry) {
        this(replicas, callTimeout, max(callTimeout, DEFAULT_WRITE_TIMEOUT), retry);
    }

    public ClientConfig {
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) throw new IllegalArgumentException("a client needs at least one replica");
        if (replicas.stream().distinct().count() != replicas.size()) {
            throw new IllegalArgumentException("a replica is listed twice: " + replicas);
        }
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("callTimeout is positive: " + callTimeout);
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        if (writeTimeout.compareTo(callTimeout) < 0) {
            throw new IllegalArgumentException("writeTimeout " + writeTimeout + " is shorter than callTimeout " + callTimeout);
        }
        Objects.requireNonNull(retry, "retry");
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The replica the client uses first. */
    public ReplicaId primary() {
        return replicas.get(0);
    }

    /** The same settings with {@code first} in front and the other replicas, minus {@code first}, after it. */
    public ClientConfig withPrimary(ReplicaId first) {
        List<ReplicaId> reordered = new ArrayList<>();
        reordered.add(first);
        replicas.stream().filter(r -> !r.equals(first)).forEach(reordered::add);
        return new ClientConfig(reordered, callTimeout, writeTimeout, retry);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClientConfig}; defaults: 1 s per call, 10 s per write, {@link RetryPolicy#DEFAULT}. Not thread-safe. */
    public static final class Builder {
        private final List<ReplicaId> replicas = new ArrayList<>();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration writeTimeout;
        private RetryPolicy retry = RetryPolicy.DEFAULT;

        private Builder() {}

        /** Adds a replica: the first one added is used first, the others are fail-over targets in order. */
        public Builder replica(ReplicaId replica) {
            replicas.add(Objects.requireNonNull(replica, "replica"));
            return this;
        }

        public Builder replica(String host, int port) {
            return replica(new ReplicaId(host, port));
        }

        public Builder replicas(List<ReplicaId> more) {
            more.forEach(this::replica);
            return this;
        }

        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout;
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        public ClientConfig build() {
            return writeTimeout == null
                    ? new ClientConfig(replicas, callTimeout, retry)
                    : new ClientConfig(replicas, callTimeout, writeTimeout, retry);
        }
    }
}
