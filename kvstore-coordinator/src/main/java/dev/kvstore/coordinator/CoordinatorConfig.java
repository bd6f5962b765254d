package dev.kvstore.coordinator;

import dev.kvstore.coordinator.process.FaultSpec;
import dev.kvstore.coordinator.process.ReplicaLauncher;
import dev.kvstore.rmi.tls.TlsSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the coordinator is started with.
 *
 * @param lease how long a replica may answer reads after a heartbeat
 * @param tls plain RMI, or mutual TLS; the replicas the coordinator starts get the same flags
 * @param replicaJvmOptions the JVM options of every replica it starts (heap, collector), before {@code -cp}
 */
public record CoordinatorConfig(
        int port,
        List<Integer> replicaPorts,
        Path dataDir,
        List<FaultSpec> faults,
        Duration rpcTimeout,
        Duration heartbeatTimeout,
        Duration lease,
        String bindAddress,
        String advertiseHost,
        long maxMessageBytes,
        List<String> replicaArgs,
        TlsSetup tls,
        List<String> replicaJvmOptions) {
    public CoordinatorConfig {
        replicaPorts = List.copyOf(replicaPorts);
        replicaJvmOptions = List.copyOf(replicaJvmOptions);
        faults = List.copyOf(faults);
        replicaArgs = List.copyOf(replicaArgs);
        Objects.requireNonNull(tls, "tls");
        for (FaultSpec f : faults) {
            if (!replicaPorts.contains(f.port())) {
                throw new IllegalArgumentException("--fault names port " + f.port() + ", which is not one of --replica-ports " + replicaPorts);
            }
        }
        if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("--lease is positive: " + lease);
        if (lease.compareTo(heartbeatTimeout) >= 0) {
            // A replica marked DOWN for silence must hold no lease any more by then.
            throw new IllegalArgumentException("--lease " + lease + " must be shorter than --heartbeat-timeout " + heartbeatTimeout);
        }
        if (replicaPorts.contains(port)) throw new IllegalArgumentException("--port " + port + " is also a replica port");
        if (replicaPorts.stream().distinct().count() != replicaPorts.size()) {
            throw new IllegalArgumentException("--replica-ports lists a port twice: " + replicaPorts);
        }
    }

    /** A coordinator whose replicas get {@link ReplicaLauncher#DEFAULT_JVM_OPTIONS}. */
    public CoordinatorConfig(int port, List<Integer> replicaPorts, Path dataDir, List<FaultSpec> faults, Duration rpcTimeout,
            Duration heartbeatTimeout, Duration lease, String bindAddress, String advertiseHost, long maxMessageBytes,
            List<String> replicaArgs, TlsSetup tls) {
        this(port, replicaPorts, dataDir, faults, rpcTimeout, heartbeatTimeout, lease, bindAddress, advertiseHost,
                maxMessageBytes, replicaArgs, tls, ReplicaLauncher.DEFAULT_JVM_OPTIONS);
    }

    /** A coordinator that speaks plain RMI. */
    public CoordinatorConfig(int port, List<Integer> replicaPorts, Path dataDir, List<FaultSpec> faults, Duration rpcTimeout,
            Duration heartbeatTimeout, Duration lease, String bindAddress, String advertiseHost, long maxMessageBytes,
            List<String> replicaArgs) {
        this(port, replicaPorts, dataDir, faults, rpcTimeout, heartbeatTimeout, lease, bindAddress, advertiseHost,
                maxMessageBytes, replicaArgs, TlsSetup.OFF);
    }
}
