package dev.kvstore.coordinator;

import dev.kvstore.coordinator.process.FaultSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything the coordinator is started with. */
public record CoordinatorConfig(
        int port,
        List<Integer> replicaPorts,
        Path dataDir,
        List<FaultSpec> faults,
        Duration rpcTimeout,
        Duration heartbeatTimeout,
        String bindAddress,
        String advertiseHost,
        long maxMessageBytes,
        List<String> replicaArgs) {
    public CoordinatorConfig {
        replicaPorts = List.copyOf(replicaPorts);
        faults = List.copyOf(faults);
        replicaArgs = List.copyOf(replicaArgs);
        for (FaultSpec f : faults) {
            if (!replicaPorts.contains(f.port())) {
                throw new IllegalArgumentException("--fault names port " + f.port() + ", which is not one of --replica-ports " + replicaPorts);
            }
        }
        if (replicaPorts.contains(port)) throw new IllegalArgumentException("--port " + port + " is also a replica port");
        if (replicaPorts.stream().distinct().count() != replicaPorts.size()) {
            throw new IllegalArgumentException("--replica-ports lists a port twice: " + replicaPorts);
        }
    }
}
