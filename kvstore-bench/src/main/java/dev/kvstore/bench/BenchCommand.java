package dev.kvstore.bench;

import dev.kvstore.bench.authcost.AuthCostCommand;
import dev.kvstore.bench.kvstore.Endpoint;
import dev.kvstore.bench.result.OutputFormat;
import dev.kvstore.bench.workload.KeyDistribution;
import dev.kvstore.bench.workload.Workload;
import dev.kvstore.bench.workload.ZipfianGenerator;
import dev.kvstore.rmi.cli.DurationConverter;
import dev.kvstore.rmi.tls.TlsFiles;
import dev.kvstore.rmi.tls.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line: options, their checks, and the hand-over to {@link BenchRun}. For one invocation. */
@Command(name = "kvstore-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Closed-loop benchmark of KVStore, side by side with a ZooKeeper ensemble.",
                "Starts a five-replica KVStore cluster (or drives one given by --endpoints) or a five-server",
                "ZooKeeper ensemble on loopback, runs client threads for a warm-up and a measured window,",
                "and prints ops/s and latency percentiles per operation type."},
        subcommands = AuthCostCommand.class,
        footer = {"", "--tls runs KVStore with mutual TLS on every connection. A cluster the tool",
                "starts gets a throwaway CA and certificates (no store options). With",
                "--endpoints, give the tool's own client keystore, the trust store and the",
                "password, as for bin/kvstore-client. ZooKeeper always runs without TLS:",
                "--tls is refused with --target zookeeper and with --compare.",
                "", "The per-call credential check is measured apart: kvstore-bench auth-cost."})
final class BenchCommand implements Callable<Integer> {
    static final List<Integer> DEFAULT_SWEEP = List.of(1, 8, 32, 128);
    static final int MAX_ROUNDS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "kvstore|zookeeper", description = "System to benchmark (default: kvstore).")
    TargetKind target;

    @Option(names = "--endpoints", paramLabel = "HOST:PORT,...", description = "Drive an existing KVStore cluster at these replica addresses instead of starting one.")
    String endpoints;

    @Option(names = "--clients", paramLabel = "N", description = "Client threads (default: 8).")
    Integer clients;

    @Option(names = "--burn-in", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "After each start of a target, before its first measured run: the loads to be measured (with --compare, each of the sweep in turn), this long in all, unrecorded, so its JVMs finish compiling hot code (default: ${DEFAULT-VALUE}; 0s to skip).")
    Duration burnIn;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = {"Before each measured run: run but do not record for this long (default: ${DEFAULT-VALUE}).",
                "A new client count or read ratio makes the JIT recompile for several seconds."})
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "Measured window per run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--read-ratio", paramLabel = "R", description = "Share of reads, 0 to 1 (default: 0.5).")
    Double readRatio;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "1000", description = "Distinct keys, written once before the run (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "100", description = "Bytes per written value (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Option(names = "--distribution", paramLabel = "uniform|zipfian", defaultValue = "uniform", description = "How keys are chosen (default: ${DEFAULT-VALUE}).")
    KeyDistribution distribution;

    @Option(names = "--zipf-theta", paramLabel = "THETA", defaultValue = "" + ZipfianGenerator.DEFAULT_THETA,
            description = "Skew of the zipfian distribution, strictly between 0 and 1 (default: ${DEFAULT-VALUE}).")
    double zipfTheta;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results here in --format; the console then gets the table.")
    Path out;

    @Option(names = "--compare", description = "Run KVStore, then ZooKeeper, over --clients-sweep, writes (read ratio 0) and reads (read ratio 1), and print the ratios.")
    boolean compare;

    @Option(names = "--clients-sweep", paramLabel = "N,...", split = ",", description = "Client counts for --compare (default: 1,8,32,128).")
    List<Integer> clientsSweep;

    @Option(names = "--rounds", paramLabel = "N", description = {"With --compare, measure the sweep N times (default: 1, at most "
            + MAX_ROUNDS + "); the ratios compare each target's medians.", "Each round starts both afresh, one at a time, ZooKeeper first in even rounds."})
    Integer rounds;

    @Option(names = "--chart-dir", paramLabel = "DIR", description = "With --compare, write performance-throughput.png and performance-p99.png here.")
    Path chartDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the started clusters' data and logs here (default: a temporary directory, deleted after a successful run).")
    Path dataDir;

    @Option(names = "--no-progress", description = "No progress line each second (printed to stderr on runs of 5 s or more).")
    boolean noProgress;

    @Mixin
    TlsOptions tlsOptions;

    private final BenchRun run;

    BenchCommand(BenchRun run) {
        this.run = run;
    }

    @Override
    public Integer call() throws Exception {
        return run.execute(toConfig());
    }

    /** The checked configuration; a {@link ParameterException} names the option and what is wrong. */
    BenchConfig toConfig() {
        if (compare) {
            if (target != null) throw usage("--compare runs both targets; drop --target");
            if (clients != null) throw usage("--compare sweeps client counts; use --clients-sweep instead of --clients");
            if (readRatio != null) throw usage("--compare runs writes (read ratio 0) and reads (read ratio 1); drop --read-ratio");
        } else {
            if (clientsSweep != null) throw usage("--clients-sweep needs --compare");
            if (chartDir != null) throw usage("--chart-dir needs --compare");
            if (rounds != null) throw usage("--rounds needs --compare");
        }
        int roundCount = rounds == null ? 1 : rounds;
        if (roundCount < 1 || roundCount > MAX_ROUNDS) throw usage("--rounds must be between 1 and " + MAX_ROUNDS + ", got " + roundCount);
        TargetKind kind = target == null ? TargetKind.KVSTORE : target;
        List<Endpoint> addresses = List.of();
        if (endpoints != null) {
            if (kind != TargetKind.KVSTORE) throw usage("--endpoints addresses a KVStore cluster; it cannot be used with --target zookeeper");
            try {
                addresses = Endpoint.parseList(endpoints);
            } catch (IllegalArgumentException e) {
                throw usage("--endpoints: " + e.getMessage());
            }
        }
        int threads = clients == null ? 8 : clients;
        if (threads < 1) throw usage("--clients must be at least 1, got " + threads);
        List<Integer> sweep = clientsSweep == null ? DEFAULT_SWEEP : clientsSweep;
        if (sweep.isEmpty() || sweep.stream().anyMatch(n -> n < 1)) throw usage("--clients-sweep takes client counts of at least 1, got " + sweep);
        if (duration.isZero()) throw usage("--duration must be positive");
        double ratio = readRatio == null ? 0.5 : readRatio;
        if (!(ratio >= 0 && ratio <= 1)) throw usage("--read-ratio must be between 0 and 1, got " + ratio);
        if (keys < 1) throw usage("--keys must be at least 1, got " + keys);
        if (valueSize < 1 || valueSize > Workload.MAX_VALUE_SIZE) {
            throw usage("--value-size must be between 1 and " + Workload.MAX_VALUE_SIZE + " bytes, got " + valueSize);
        }
        if (distribution == KeyDistribution.ZIPFIAN && !(zipfTheta > 0 && zipfTheta < 1)) {
            throw usage("--zipf-theta must lie strictly between 0 and 1, got " + zipfTheta);
        }
        if (out != null && out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw usage("--out " + out + ": the directory " + out.toAbsolutePath().getParent() + " does not exist");
        }
        boolean tls = given("--tls");
        TlsFiles tlsFiles = tlsFiles(tls, kind, addresses);
        Workload workload = new Workload(keys, valueSize, distribution, zipfTheta, seed);
        return new BenchConfig(kind, addresses, threads, burnIn, warmup, duration, ratio, workload, format, out, compare, sweep,
                roundCount, chartDir, dataDir, !noProgress, tls, tlsFiles);
    }

    /** The stores for an existing cluster with {@code --tls}; null for plain RMI and for a cluster the tool starts. */
    private TlsFiles tlsFiles(boolean tls, TargetKind kind, List<Endpoint> addresses) {
        if (tls && compare) throw usage("--tls is for KVStore alone; --compare would run ZooKeeper without it. Drop one of them");
        if (tls && kind != TargetKind.KVSTORE) throw usage("--tls is for KVStore alone; the tool starts ZooKeeper without TLS");
        if (tls && addresses.isEmpty()) {
            for (String store : List.of("--keystore", "--truststore", "--store-password-file")) {
                if (given(store)) {
                    throw usage(store + " is for a cluster given by --endpoints; the cluster the tool starts gets throwaway certificates");
                }
            }
            return null;
        }
        return tlsOptions.files().orElse(null); // checks that --tls has both stores, and that no store comes without --tls
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

}
