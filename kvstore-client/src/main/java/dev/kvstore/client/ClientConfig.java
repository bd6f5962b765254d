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
 * @param callTimeout the deadline of every remote call, registry lookups included
 * @param retry how aborted writes are retried
 */
public record ClientConfig(List<ReplicaId> replicas, Duration callTimeout, RetryPolicy retry) {
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(1);

    public ClientConfig {
        replicas = List.copyOf(replicas);
        if (replicas.isEmpty()) throw new IllegalArgumentException("a client needs at least one replica");
        if (replicas.stream().distinct().count() != replicas.size()) {
            throw new IllegalArgumentException("a replica is listed twice: " + replicas);
        }
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("callTimeout is positive: " + callTimeout);
        Objects.requireNonNull(retry, "retry");
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
        return new ClientConfig(reordered, callTimeout, retry);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClientConfig}; defaults: 1 s per call, {@link RetryPolicy#DEFAULT}. Not thread-safe. */
    public static final class Builder {
        private final List<ReplicaId> replicas = new ArrayList<>();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
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

        public Builder retry(RetryPolicy policy) {
            this.retry = policy;
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(replicas, callTimeout, retry);
        }
    }
}
