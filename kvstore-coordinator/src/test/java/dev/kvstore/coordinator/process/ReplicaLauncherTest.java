package dev.kvstore.coordinator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ReplicaLauncherTest {

    @TempDir Path dataDir;

    @AfterEach
    void killLeftoverReplicas() {
        FakeReplicas.killAllStartedByThisJvm();
    }

    @Test
    void buildsTheReplicaCommandLineWithJvmOptionsClasspathFlagsAndExtraArgs() {
        ReplicaLauncher launcher = new ReplicaLauncher(dataDir, "coord.example:1099", Duration.ofMillis(1500),
                List.of("--lease", "2s"), List.of("-Xmx256m", "-XX:+UseSerialGC"), "/opt/jdk/bin/java", "a.jar:lib/b.jar",
                ReplicaLauncher.MAIN_CLASS);

        assertThat(launcher.command(3333)).containsExactly(
                "/opt/jdk/bin/java", "-Xmx256m", "-XX:+UseSerialGC", "-cp", "a.jar:lib/b.jar",
                "dev.kvstore.server.ReplicaMain",
                "--port", "3333",
                "--coordinator", "coord.example:1099",
                "--data-dir", dataDir.toAbsolutePath().resolve("replica-3333").toString(),
                "--timeout", "1500ms",
                "--supervised", "--lease", "2s");
    }

    @Test
    void defaultsToAModestHeapAndTheSerialCollectorAndTheServerMainClass() {
        ReplicaLauncher launcher = new ReplicaLauncher(dataDir, "localhost:1099", Duration.ofSeconds(2), List.of());
        List<String> command = launcher.command(1111);

        assertThat(command).containsSubsequence("-Xmx512m", "-XX:+UseSerialGC", "-cp",
                Classpath.forReplicas(), "dev.kvstore.server.ReplicaMain", "--port", "1111");
        assertThat(command.get(0)).isEqualTo(ReplicaLauncher.currentJavaBinary());
    }

    @Test
    void usesTheJavaBinaryThatRunsThisJvm() {
        Path java = Path.of(ReplicaLauncher.currentJavaBinary());
        assertThat(java.getFileName().toString()).startsWith("java");
        assertThat(Files.isExecutable(java)).isTrue();
        assertThat(ProcessHandle.current().info().command()).hasValue(java.toString());
    }

    @Test
    void putsLogsAndReplicaDataUnderTheDataDir() {
        ReplicaLauncher launcher = new ReplicaLauncher(dataDir, "localhost:1099", Duration.ofSeconds(2), List.of());
        assertThat(launcher.logFile(2222)).isEqualTo(dataDir.toAbsolutePath().resolve("logs/replica-2222.log"));
        assertThat(launcher.replicaDir(2222)).isEqualTo(dataDir.toAbsolutePath().resolve("replica-2222"));
    }

    @Test
    void rejectsACoordinatorAddressThatIsNotHostColonPort() {
        for (String bad : List.of("localhost", "localhost:", ":1099", "localhost:http", "localhost:70000")) {
            assertThatThrownBy(() -> new ReplicaLauncher(dataDir, bad, Duration.ofSeconds(2), List.of()))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HOST:PORT");
        }
    }

    @Test
    void rejectsANonPositiveRmiTimeoutAndABadPort() {
        assertThatThrownBy(() -> new ReplicaLauncher(dataDir, "localhost:1099", Duration.ZERO, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rmiTimeout");
        ReplicaLauncher launcher = new ReplicaLauncher(dataDir, "localhost:1099", Duration.ofSeconds(2), List.of());
        assertThatThrownBy(() -> launcher.command(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(60)
    void launchAppendsEachRunsOutputToTheReplicaLogAndCreatesItsDirectories() throws Exception {
        ReplicaLauncher launcher = FakeReplicas.launcher(dataDir.resolve("nested/data"), "--fake", "exit:7");

        for (int run = 0; run < 2; run++) {
            Process process = launcher.launch(41_001);
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("fake replica exits").isTrue();
                assertThat(process.exitValue()).isEqualTo(7);
            } finally {
                process.destroyForcibly();
            }
        }

        Path log = launcher.logFile(41_001);
        String text = Files.readString(log);
        assertThat(FakeReplicas.launchTimes(log)).hasSize(2);
        assertThat(text).contains("fake replica args: --port 41001 --coordinator 127.0.0.1:1099 --data-dir "
                + launcher.replicaDir(41_001) + " --timeout 2000ms --supervised --fake exit:7");
        assertThat(launcher.replicaDir(41_001)).isDirectory();
    }
}
