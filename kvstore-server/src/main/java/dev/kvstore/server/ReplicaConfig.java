package dev.kvstore.server;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.auth.ClusterSecret;
import dev.kvstore.server.txn.RequestLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a replica is started with.
 *
 * @param orphanTimeout a supervised replica exits after this long without reaching its coordinator; null: never
 * @param secret the cluster secret that signs and checks peer and coordinator calls
 */
public record ReplicaConfig(
        ReplicaId self,
        String bindAddress,
        String coordinatorHost,
        int coordinatorPort,
        Path dataDir,
        Duration rpcTimeout,
        Duration heartbeatInterval,
        Duration inDoubtTimeout,
        Duration orphanTimeout,
        RequestLimits limits,
        long maxMessageBytes,
        int catchUpPageSize,
        ClusterSecret secret) {
    public ReplicaConfig {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(coordinatorHost, "coordinatorHost");
        Objects.requireNonNull(rpcTimeout, "rpcTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(inDoubtTimeout, "inDoubtTimeout");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(secret, "secret");
    }
}
