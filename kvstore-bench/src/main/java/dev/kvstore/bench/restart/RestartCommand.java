package dev.kvstore.bench.restart;

import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kvstore-bench restart}: the options, their checks, and the run. For one invocation. */
@Command(name = "restart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Times a replica's restart under a large store.",
                "Seeds the coordinator's store with --keys keys offline (no client writes), starts a five-replica cluster",
                "on loopback, then --rounds times SIGKILLs one replica and times its new process until it reports UP.",
                "Prints each round and min/median/max, with the phases the replica logged."})
public final class RestartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "1000000", description = "Keys in the store (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100", description = "Bytes per value (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Restarts to time (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--replica-heap", paramLabel = "SIZE", defaultValue = "1g", description = "-Xmx of each replica JVM (default: ${DEFAULT-VALUE}).")
    String replicaHeap;

    @Option(names = "--coordinator-heap", paramLabel = "SIZE", defaultValue = "1g", description = "-Xmx of the coordinator JVM (default: ${DEFAULT-VALUE}).")
    String coordinatorHeap;

    @Option(names = "--replica-jvm-option", paramLabel = "OPTION",
            description = "A further JVM option for every replica, e.g. --replica-jvm-option=-XX:+UseParallelGC. Repeatable.")
    List<String> replicaJvmOptions = new ArrayList<>();

    @Option(names = "--jfr", paramLabel = "DIR", description = "Record the coordinator and every replica JVM with JFR (profile settings); each writes DIR/hotspot-pid-PID-*.jfr when it exits.")
    Path jfrDir;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "The cluster's --timeout, the bound on every remote call (default: ${DEFAULT-VALUE}).")
    Duration rpcTimeout;

    @Option(names = "--start-within", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
            description = "Bound on the first start of all five replicas (default: ${DEFAULT-VALUE}).")
    Duration startWithin;

    @Option(names = "--restart-within", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2m",
            description = "Bound on each restart, and on the cluster settling before it (default: ${DEFAULT-VALUE}).")
    Duration restartWithin;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the values (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the seeded store, data and logs here, and reuse a store seeded here before with the same"
                    + " --keys, --value-size and --seed (default: a temporary directory, deleted after a successful run).")
    Path dataDir;

    private final PrintStream out;

    public RestartCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        RestartBenchmark.Settings settings = toSettings();
        Path dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("kvstore-restart-");
        boolean succeeded = false;
        try (RestartBenchmark bench = RestartBenchmark.start(dir, settings)) {
            List<RestartRound> rounds = bench.run();
            RestartReport.print(out, String.format("restart of one of 5 replicas under %,d keys of %d bytes, %d rounds (replica JVM: %s)",
                    keys, valueSize, rounds.size(), String.join(" ", settings.jvm().replicas())), rounds);
            succeeded = true;
            return 0;
        } finally {
            if (dataDir == null) {
                if (succeeded) deleteTree(dir);
                else System.err.println("kvstore-bench: kept the data and logs of the failed run in " + dir);
            }
        }
    }

    RestartBenchmark.Settings toSettings() {
        if (keys < 1) throw usage("--keys must be at least 1, got " + keys);
        if (valueSize < 1) throw usage("--value-size must be at least 1, got " + valueSize);
        if (rounds < 1) throw usage("--rounds must be at least 1, got " + rounds);
        if (!replicaHeap.matches("\\d+[kKmMgG]?")) throw usage("--replica-heap takes a size such as 1g or 768m, got " + replicaHeap);
        if (!coordinatorHeap.matches("\\d+[kKmMgG]?")) throw usage("--coordinator-heap takes a size such as 1g, got " + coordinatorHeap);
        List<String> replica = new ArrayList<>(List.of("-Xmx" + replicaHeap, "-XX:+ExitOnOutOfMemoryError"));
        // The launcher's collector unless an option names another: a JVM refuses two.
        if (replicaJvmOptions.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) replica.add("-XX:+UseSerialGC");
        replica.addAll(replicaJvmOptions);
        if (jfrDir != null) {
            try {
                Files.createDirectories(jfrDir);
            } catch (IOException e) {
                throw usage("--jfr " + jfrDir + ": " + e.getMessage());
            }
            // A directory: each JVM names its own file after its pid.
            replica.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfrDir.toAbsolutePath());
        }
        List<String> coordinator = new ArrayList<>(List.of("-Xmx" + coordinatorHeap, "-XX:+UseSerialGC"));
        if (jfrDir != null) coordinator.add(replica.get(replica.size() - 1));
        return new RestartBenchmark.Settings(keys, valueSize, seed, rounds, new LocalCluster.JvmOptions(coordinator, replica),
                rpcTimeout, startWithin, restartWithin);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
