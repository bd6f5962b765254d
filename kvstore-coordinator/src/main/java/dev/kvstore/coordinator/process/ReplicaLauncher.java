package dev.kvstore.coordinator.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts one replica JVM, its output appended to {@code <dataDir>/logs/replica-P.log}.
 * Immutable and thread-safe: every call to {@link #launch} starts a new process.
 */
public final class ReplicaLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaLauncher.class);

    /** The replica's main class, as it appears on every replica command line this launcher builds. */
    public static final String MAIN_CLASS = "dev.kvstore.server.ReplicaMain";

    /**
     * Six or more JVMs share a small machine: a modest heap and the serial collector (no GC threads per core).
     * A replica that runs out of memory exits, so the supervisor restarts it instead of it limping on.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
            "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    private final Path dataDir;
    private final String coordinatorAddress;
    private final Duration rmiTimeout;
    private final List<String> extraReplicaArgs;
    private final List<String> jvmOptions;
    private final String javaBinary;
    private final String classpath;
    private final String mainClass;

    /** A launcher with {@link #DEFAULT_JVM_OPTIONS} and the class path of {@link Classpath#forReplicas()}. */
    public ReplicaLauncher(Path dataDir, String coordinatorAddress, Duration rmiTimeout, List<String> extraReplicaArgs) {
        this(dataDir, coordinatorAddress, rmiTimeout, extraReplicaArgs, DEFAULT_JVM_OPTIONS);
    }

    /** As the four-argument constructor, with {@code jvmOptions} instead of the defaults (put before {@code -cp}). */
    public ReplicaLauncher(Path dataDir, String coordinatorAddress, Duration rmiTimeout,
                           List<String> extraReplicaArgs, List<String> jvmOptions) {
        this(dataDir, coordinatorAddress, rmiTimeout, extraReplicaArgs, jvmOptions,
                currentJavaBinary(), Classpath.forReplicas(), MAIN_CLASS);
    }

    /** For tests: the main class is a fake replica; the class path and java binary are fixed. */
    ReplicaLauncher(Path dataDir, String coordinatorAddress, Duration rmiTimeout, List<String> extraReplicaArgs,
                    List<String> jvmOptions, String javaBinary, String classpath, String mainClass) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        this.coordinatorAddress = checkAddress(coordinatorAddress);
        Objects.requireNonNull(rmiTimeout, "rmiTimeout");
        if (rmiTimeout.isNegative() || rmiTimeout.isZero()) {
            throw new IllegalArgumentException("rmiTimeout must be positive, got " + rmiTimeout);
        }
        this.rmiTimeout = rmiTimeout;
        this.extraReplicaArgs = List.copyOf(extraReplicaArgs);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.javaBinary = Objects.requireNonNull(javaBinary, "javaBinary");
        this.classpath = Objects.requireNonNull(classpath, "classpath");
        if (classpath.isBlank()) throw new IllegalArgumentException("the replicas' class path is empty");
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /**
     * Starts {@code java <jvm opts> -cp <classpath> <main> --port P --coordinator HOST:PORT
     * --data-dir <dataDir>/replica-P --timeout <ms>ms --supervised <extra args>}, appending its stdout
     * and stderr to {@link #logFile(int)}. Its stdin is closed at once.
     */
    public Process launch(int port) throws IOException {
        List<String> command = command(port);
        Path log = logFile(port);
        Files.createDirectories(log.getParent());
        Files.createDirectories(replicaDir(port));
        // One header per launch, so a log appended to across restarts shows where each run begins.
        Files.writeString(log, "=== " + Instant.now() + " launching replica " + port + ": "
                        + String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        process.getOutputStream().close(); // a replica reads nothing from stdin: give it EOF, not a pipe nobody writes
        LOG.info("launched replica {} pid {} log {}", port, process.pid(), log);
        return process;
    }

    /** The file a replica's stdout and stderr are appended to. */
    public Path logFile(int port) {
        return dataDir.resolve("logs").resolve("replica-" + checkPort(port) + ".log");
    }

    /** The replica's own data directory, given to it as {@code --data-dir}. */
    public Path replicaDir(int port) {
        return dataDir.resolve("replica-" + checkPort(port));
    }

    /** The full command line for the replica on {@code port}. */
    List<String> command(int port) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add("--port");
        command.add(Integer.toString(checkPort(port)));
        command.add("--coordinator");
        command.add(coordinatorAddress);
        command.add("--data-dir");
        command.add(replicaDir(port).toString());
        command.add("--timeout");
        command.add(rmiTimeout.toMillis() + "ms");
        command.add("--supervised");
        command.addAll(extraReplicaArgs);
        return command;
    }

    /** The java binary running this JVM, so replicas run on the same runtime as the coordinator. */
    static String currentJavaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int checkPort(int port) {
        if (port < 1 || port > 65_535) throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        return port;
    }

    private static String checkAddress(String address) {
        Objects.requireNonNull(address, "coordinatorAddress");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("coordinator address must be HOST:PORT, got '" + address + "'");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("coordinator address must be HOST:PORT with PORT in 1..65535, got '"
                    + address + "'");
        }
        return address;
    }
}
