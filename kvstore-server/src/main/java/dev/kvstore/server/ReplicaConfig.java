package dev.kvstore.server;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.auth.ClusterSecret;
import dev.kvstore.rmi.tls.TlsSetup;
import dev.kvstore.server.txn.RequestLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a replica is started with.
 *
 * @param orphanTimeout a supervised replica exits after this long without reaching its coordinator; null: never
 * @param secret the cluster secret that signs and checks peer and coordinator calls
 * @param tls plain RMI, or mutual TLS with this replica's certificate (installed for the process by {@code main})
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
        ClusterSecret secret,
        TlsSetup tls) {
    public ReplicaConfig {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(coordinatorHost, "coordinatorHost");
        Objects.requireNonNull(rpcTimeout, "rpcTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(inDoubtTimeout, "inDoubtTimeout");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tls, "tls");
    }

    /** A replica that speaks plain RMI. */
    public ReplicaConfig(ReplicaId self, String bindAddress, String coordinatorHost, int coordinatorPort, Path dataDir,
            Duration rpcTimeout, Duration heartbeatInterval, Duration inDoubtTimeout, Duration orphanTimeout,
            RequestLimits limits, long maxMessageBytes, int catchUpPageSize, ClusterSecret secret) {
        this(self, bindAddress, coordinatorHost, coordinatorPort, dataDir, rpcTimeout, heartbeatInterval, inDoubtTimeout,
                orphanTimeout, limits, maxMessageBytes, catchUpPageSize, secret, TlsSetup.OFF);
    }
}
