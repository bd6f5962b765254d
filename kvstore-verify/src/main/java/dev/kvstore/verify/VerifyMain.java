package dev.kvstore.verify;

import dev.kvstore.rmi.Durations;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.verify.nemesis.FaultCategory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fault suite's command line: {@code kvstore-verify --profile ci}, or any option on its own.
 * Exit codes: 0 every checker passed, 1 a violation, 2 bad usage, 3 a checker reached no verdict,
 * 4 the run could not be carried out.
 */
@Command(name = "kvstore-verify", mixinStandardHelpOptions = true, sortOptions = false,
        version = "kvstore-verify 0.1.0",
        description = "Runs a local KVStore cluster (5 replicas and a coordinator) under random client load while a nemesis "
                + "kills, pauses and restarts its processes, then checks the recorded history: linearizability per key, no lost "
                + "writes, convergence and liveness. Prints a summary and writes the history as JSON lines.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every checker passed", "1:a checker found a violation", "2:bad usage",
            "3:no violation, but a checker reached no verdict", "4:the run could not be carried out"})
public final class VerifyMain implements Callable<Integer> {
    static {
        // Before any logger exists: our logging goes to stderr; the cluster's JVMs keep their own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "kvstore-verify-logback.xml");
        }
    }

    @Option(names = "--profile", defaultValue = "default",
            description = "Preset: default, ci (about 60 s of faults), long (5 min, 20 clients, 10 keys), soak (10 min steady load, resource sampling). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--duration", description = "How long the clients run, e.g. 60s or 10m (profile's by default).")
    String duration;

    @Option(names = "--clients", description = "Concurrent clients (profile's by default).")
    Integer clients;

    @Option(names = "--keys", description = "Keys the clients share (profile's by default).")
    Integer keys;

    @Option(names = "--seed", description = "Seed of the fault schedule and the clients' choices (random by default; printed).")
    Long seed;

    @Option(names = "--faults", description = "Faults to inject: any of kill,pause,coordinator, or none (profile's by default).")
    String faults;

    @Option(names = "--rate", defaultValue = "20", description = "Operations per second per client (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--max-ops", defaultValue = "1000000", description = "Stop after this many operations (default: ${DEFAULT-VALUE}).")
    long maxOps;

    @Option(names = "--check-budget", defaultValue = "60s",
            description = "Time per key for the linearizability search before it answers 'unknown' (default: ${DEFAULT-VALUE}).")
    String checkBudget;

    @Option(names = "--sample-every", description = "Sample memory and threads of every process this often (soak: 5s; otherwise off).")
    String sampleEvery;

    @Option(names = "--out", description = "History file, JSON lines (default: DATA_DIR/history.jsonl).")
    Path out;

    @Option(names = "--data-dir", description = "Empty directory for the cluster's data and logs (default: a new temporary directory).")
    Path dataDir;

    public static void main(String[] args) {
        // A client's write may wait out prepare, decide and commit in turn: reads wait longer than that.
        try {
            RmiSettings.install(RunSettings.CLIENT_DEADLINE, "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
        } catch (IllegalArgumentException e) { // a bad -D setting
            System.err.println("kvstore-verify: " + e.getMessage());
            System.exit(2);
        }
        int exitCode;
        try {
            exitCode = new CommandLine(new VerifyMain()).execute(args);
        } catch (Throwable t) { // an Error escaping the run must not exit with 1, which means "violation"
            System.err.println("kvstore-verify: the run failed: " + t);
            t.printStackTrace(System.err);
            exitCode = RunReport.EXIT_ERROR;
        }
        System.exit(exitCode);
    }

    @Override
    public Integer call() {
        RunSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("kvstore-verify: " + e.getMessage());
            return 2;
        }
        try {
            return new FaultRun(settings, System.out).execute().exitCode();
        } catch (IllegalArgumentException e) {
            System.err.println("kvstore-verify: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("kvstore-verify: the run failed (seed " + settings.seed() + "): " + e);
            e.printStackTrace(System.err);
            return RunReport.EXIT_ERROR;
        }
    }

    /** The profile's settings with every option given on the command line put over them. */
    RunSettings settings() {
        Profile p;
        try {
            p = Profile.valueOf(profile.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown profile '" + profile + "': use default, ci, long or soak");
        }
        Set<FaultCategory> faultSet = faults != null ? FaultCategory.parseList(faults) : p.faults();
        Duration sample = sampleEvery != null ? Durations.parse(sampleEvery) : p.sampleResources() ? Duration.ofSeconds(5) : null;
        return new RunSettings(p.cliName(),
                duration != null ? Durations.parse(duration) : p.duration(),
                clients != null ? clients : p.clients(),
                keys != null ? keys : p.keys(),
                seed != null ? seed : ThreadLocalRandom.current().nextLong(1, 1L << 40),
                faultSet, rate, maxOps, dataDir, out, Durations.parse(checkBudget), sample);
    }
}
