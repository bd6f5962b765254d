package dev.kvstore.coordinator;

import dev.kvstore.coordinator.process.FaultSpec;
import dev.kvstore.coordinator.process.ReplicaLauncher;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.cli.DurationConverter;
import dev.kvstore.rmi.cli.UntilStopped;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.tls.TlsOptions;
import dev.kvstore.rmi.tls.TlsSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the coordinator and, under it, one replica process per replica port. */
@Command(name = "kvstore-coordinator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the KVStore coordinator: the durable commit point, membership and snapshots,",
            "and the supervisor that starts and restarts one replica JVM per replica port.",
            "Ctrl-C or SIGTERM stops the coordinator and every replica it started."
        })
public final class CoordinatorMain implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "1099", description = "Port of the coordinator's RMI registry (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--replica-ports", split = ",", defaultValue = "1111,2222,3333,4444,5555",
            description = "Ports of the replicas to start, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> replicaPorts;

    @Option(names = "--data-dir", defaultValue = "./data", description = "Durable store, replica directories and logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fault", description = {
        "PORT:AT:FOR - kill that replica with SIGKILL AT after all replicas are first UP,",
        "and restart it FOR later, e.g. 3333:45s:20s. Repeatable. None by default."})
    List<String> faults = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "1s", converter = DurationConverter.class,
            description = "Bound on every remote call, given to the replicas too (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--heartbeat-timeout", defaultValue = "2s", converter = DurationConverter.class,
            description = "A replica silent this long is marked DOWN (default: ${DEFAULT-VALUE}).")
    Duration heartbeatTimeout;

    @Option(names = "--lease", defaultValue = "1s", converter = DurationConverter.class,
            description = "Read lease a heartbeat grants an UP replica; shorter than --heartbeat-timeout (default: ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--advertise-host", defaultValue = "127.0.0.1", description = "Host name replicas use to reach the coordinator (default: ${DEFAULT-VALUE}).")
    String advertiseHost;

    @Option(names = "--replica-arg", description = "An extra argument passed to every replica, e.g. --replica-arg=--heartbeat-interval=100ms. Repeatable.")
    List<String> replicaArgs = new ArrayList<>();

    @Option(names = "--replica-jvm-option", paramLabel = "OPTION",
            description = {"A JVM option for every replica, e.g. --replica-jvm-option=-Xmx1g. Repeatable; when given,",
                "replaces the defaults (-Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)."})
    List<String> replicaJvmOptions = new ArrayList<>();

    @Mixin
    TlsOptions tls;

    public static void main(String[] args) {
        int exit = new CommandLine(new CoordinatorMain()).execute(args);
        if (exit != 0) System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        List<FaultSpec> faultSpecs = new ArrayList<>();
        for (String f : faults) faultSpecs.add(FaultSpec.parse(f));
        TlsSetup tlsSetup = tls.load();
        CoordinatorConfig config = new CoordinatorConfig(port, replicaPorts, dataDir.toAbsolutePath().normalize(), faultSpecs,
                timeout, heartbeatTimeout, lease, bind, advertiseHost, SerialFilters.DEFAULT_MAX_BYTES, replicaArgs, tlsSetup,
                replicaJvmOptions.isEmpty() ? ReplicaLauncher.DEFAULT_JVM_OPTIONS : replicaJvmOptions);
        System.setProperty("kvstore.node", "coordinator");
        RmiSettings.install(timeout, advertiseHost, config.maxMessageBytes());
        RmiSettings.forClusterMember();
        tlsSetup.installForProcess();

        CoordinatorServer server = CoordinatorServer.start(config);
        UntilStopped.await(server);
        return 0;
    }

}
