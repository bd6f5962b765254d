package dev.kvstore.bench;

import dev.kvstore.bench.restart.RestartCommand;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Entry point of {@code kvstore-bench}. {@link #run} is the whole tool without {@code System.exit},
 * for tests; {@link #main} first sets the JVM-wide RMI, AWT and logging properties.
 */
public final class BenchMain {
    /** Logback configuration of this tool's own JVM: everything to stderr, so stdout holds only results. */
    static final String LOGBACK_CONFIG = "dev/kvstore/bench/logback-bench.xml";

    private BenchMain() {}

    public static void main(String[] args) {
        try {
            RmiSettings.install(Duration.ofSeconds(10), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
        } catch (IllegalArgumentException e) { // a bad -D setting
            System.err.println("kvstore-bench: " + e.getMessage());
            System.exit(2);
        }
        setIfAbsent("java.awt.headless", "true"); // charts render without a display
        setIfAbsent("logback.configurationFile", LOGBACK_CONFIG); // before the first logger is made
        System.exit(run(args, System.out, System.err));
    }

    /** Parses {@code args} and runs the tool; 0 on success, 2 for bad arguments, 1 if the run failed. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BenchCommand(new BenchRun(out, err)));
        cli.addSubcommand("restart", new RestartCommand(out));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, badArgs) -> {
            err.println("kvstore-bench: " + e.getMessage());
            err.println("Try 'kvstore-bench --help' for the options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            err.println("kvstore-bench: the run failed: " + e);
            e.printStackTrace(err);
            return 1;
        });
        return cli.execute(args);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
