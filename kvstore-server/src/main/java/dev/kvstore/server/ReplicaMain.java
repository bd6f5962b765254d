package dev.kvstore.server;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.cli.DurationConverter;
import dev.kvstore.rmi.cli.UntilStopped;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.auth.ClusterSecret;
import dev.kvstore.rmi.tls.TlsOptions;
import dev.kvstore.rmi.tls.TlsSetup;
import dev.kvstore.server.txn.RequestLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts one replica. The coordinator starts five of these; an operator can start more by hand. */
@Command(name = "kvstore-replica", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs one KVStore replica. It loads the committed store from the coordinator, then serves.")
public final class ReplicaMain implements Callable<Integer> {
    @Option(names = "--port", required = true, description = "Port of this replica's RMI registry and objects.")
    int port;

    @Option(names = "--coordinator", defaultValue = "127.0.0.1:1099", description = "The coordinator's host:port (default: ${DEFAULT-VALUE}).")
    String coordinator;

    @Option(names = "--data-dir", defaultValue = "./data/replica", description = "This replica's directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--secret-file", required = true,
            description = "The cluster secret; the coordinator creates it as <its data dir>/cluster.secret.")
    Path secretFile;

    @Option(names = "--timeout", defaultValue = "1s", converter = DurationConverter.class,
            description = "Bound on every remote call: connect, read and deadline (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--advertise-host", defaultValue = "127.0.0.1", description = "Host name peers and clients use to reach this replica (default: ${DEFAULT-VALUE}).")
    String advertiseHost;

    @Option(names = "--heartbeat-interval", defaultValue = "200ms", converter = DurationConverter.class,
            description = "How often the replica reports to the coordinator (default: ${DEFAULT-VALUE}).")
    Duration heartbeatInterval;

    @Option(names = "--in-doubt-timeout", converter = DurationConverter.class,
            description = "How long a prepared transaction waits for its decision before asking the coordinator (default: twice --timeout).")
    Duration inDoubtTimeout;

    @Option(names = "--max-key-bytes", defaultValue = "1024", description = "Largest key in UTF-8 bytes (default: ${DEFAULT-VALUE}).")
    int maxKeyBytes;

    @Option(names = "--max-value-bytes", defaultValue = "1048576", description = "Largest value in UTF-8 bytes (default: ${DEFAULT-VALUE}).")
    int maxValueBytes;

    @Option(names = "--supervised", description = "Started by a coordinator: exit when it has been unreachable for --orphan-timeout.")
    boolean supervised;

    @Option(names = "--orphan-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "With --supervised: how long to outlive an unreachable coordinator (default: ${DEFAULT-VALUE}).")
    Duration orphanTimeout;

    @Mixin
    TlsOptions tls;

    public static void main(String[] args) {
        int exit = new CommandLine(new ReplicaMain()).execute(args);
        if (exit != 0) System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        ReplicaId self = new ReplicaId(advertiseHost, port);
        System.setProperty("kvstore.node", "replica-" + port);
        long maxMessageBytes = Math.max(SerialFilters.DEFAULT_MAX_BYTES, 3L * maxValueBytes + 3L * maxKeyBytes + 64 * 1024);
        RmiSettings.install(timeout, advertiseHost, maxMessageBytes);
        RmiSettings.forClusterMember();
        TlsSetup tlsSetup = tls.load().installForProcess(); // before any connection: peers and the coordinator too
        ReplicaId coordinatorId = ReplicaId.parse(coordinator);
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("replica.pid"), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);

        ReplicaConfig config = new ReplicaConfig(self, bind, coordinatorId.host(), coordinatorId.port(), dataDir, timeout,
                heartbeatInterval, inDoubtTimeout != null ? inDoubtTimeout : timeout.multipliedBy(2),
                supervised ? orphanTimeout : null, new RequestLimits(maxKeyBytes, maxValueBytes), maxMessageBytes, 10_000,
                ClusterSecret.load(secretFile), tlsSetup);
        Replica replica = Replica.start(config, () -> System.exit(3));
        UntilStopped.await(replica);
        return 0;
    }
}
