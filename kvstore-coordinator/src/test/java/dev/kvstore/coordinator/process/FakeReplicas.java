package dev.kvstore.coordinator.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Launchers of {@link FakeReplicaMain} processes for the process tests, and clean-up of every one of them. */
final class FakeReplicas {

    /** Small JVMs: the fakes do nothing, and the test machine has two cores. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private FakeReplicas() {}

    static ReplicaLauncher launcher(Path dataDir, String... fakeArgs) {
        return new ReplicaLauncher(dataDir, "127.0.0.1:1099", Duration.ofSeconds(2), List.of(fakeArgs), JVM_OPTIONS,
                ReplicaLauncher.currentJavaBinary(), Classpath.forReplicas(), FakeReplicaMain.class.getName());
    }

    /** Starts a fake replica directly, as one that survived a coordinator crash would be running. */
    static Process startUnsupervised(Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ReplicaLauncher.currentJavaBinary());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", Classpath.forReplicas(), FakeReplicaMain.class.getName(), "--fake", "sleep"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        process.getOutputStream().close();
        return process;
    }

    /** The launch times the launcher wrote at the head of each run in a replica's log. */
    static List<Instant> launchTimes(Path logFile) throws IOException {
        if (!Files.exists(logFile)) return List.of();
        List<Instant> times = new ArrayList<>();
        for (String line : Files.readAllLines(logFile)) {
            if (line.startsWith("=== ") && line.contains(" launching replica ")) {
                times.add(Instant.parse(line.substring(4, line.indexOf(' ', 4))));
            }
        }
        return times;
    }

    /** SIGKILLs every fake replica this JVM started that is still alive: the safety net after each test. */
    static void killAllStartedByThisJvm() {
        ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains(FakeReplicaMain.class.getName())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
