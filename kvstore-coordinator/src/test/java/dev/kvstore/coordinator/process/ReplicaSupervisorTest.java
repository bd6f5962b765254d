package dev.kvstore.coordinator.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Process tests: each replica is a real JVM running {@link FakeReplicaMain}. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaSupervisorTest {

    private static final int P1 = 41_001;
    private static final int P2 = 41_002;
    private static final Duration CHECK = Duration.ofMillis(100);
    private static final Duration STARTUP = Duration.ofSeconds(30); // JVM start on a busy two-core machine
    private static final IntFunction<OptionalLong> NONE_SERVING = port -> OptionalLong.empty();

    @TempDir Path dataDir;

    private final List<ReplicaSupervisor> supervisors = new ArrayList<>();
    private final List<Long> seenPids = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger supervisorLog = (Logger) LoggerFactory.getLogger(ReplicaSupervisor.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        supervisorLog.addAppender(logs);
    }

    @AfterEach
    void stopEverything() {
        try {
            supervisors.forEach(ReplicaSupervisor::close);
        } finally {
            supervisorLog.detachAppender(logs);
            seenPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            FakeReplicas.killAllStartedByThisJvm();
        }
    }

    @Test
    void launchesOneReplicaPerPort() {
        ReplicaSupervisor supervisor = supervisor(FakeReplicas.launcher(dataDir), List.of(P1, P2), NONE_SERVING);
        supervisor.start();

        long pid1 = awaitPid(supervisor, P1);
        long pid2 = awaitPid(supervisor, P2);

        assertThat(pid1).isNotEqualTo(pid2);
        assertThat(ProcessHandle.of(pid1).flatMap(p -> p.info().commandLine()).orElseThrow())
                .contains(FakeReplicaMain.class.getName(), "--port " + P1);
    }

    @Test
    void relaunchesAReplicaWhoseProcessExited() {
        ReplicaSupervisor supervisor = supervisor(FakeReplicas.launcher(dataDir), List.of(P1), NONE_SERVING);
        supervisor.start();
        long first = awaitPid(supervisor, P1);

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        long second = awaitPidOtherThan(supervisor, P1, first);
        assertThat(FakeReplicas.isAlive(second)).isTrue();
        assertThat(messages()).anyMatch(m -> m.startsWith("replica " + P1 + " exited with exit code 137 (signal 9)"));
    }

    @Test
    void backsOffAReplicaThatKeepsExitingRightAfterLaunch() throws Exception {
        ReplicaLauncher launcher = FakeReplicas.launcher(dataDir, "--fake", "exit:3");
        ReplicaSupervisor supervisor = supervisor(launcher, List.of(P1), NONE_SERVING);
        supervisor.start();
        Path log = launcher.logFile(P1);

        await().atMost(STARTUP.multipliedBy(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> FakeReplicas.launchTimes(log).size() >= 3);

        List<Instant> launches = FakeReplicas.launchTimes(log);
        // Each relaunch waits for the backoff after the previous run ended, so the gaps are at least 1 s, then 2 s.
        assertThat(Duration.between(launches.get(0), launches.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(launches.get(1), launches.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(warnings()).anyMatch(m -> m.contains("exited with exit code 3") && m.contains(log.toString()));
    }

    @Test
    void aFaultKillsTheReplicaAtItsTimeAndRestartsItAfterDownFor() throws Exception {
        Duration at = Duration.ofMillis(300);
        // Longer than the 1 s first backoff, so a check loop that ignored the fault would relaunch it too early.
        Duration downFor = Duration.ofMillis(1500);
        ReplicaLauncher launcher = FakeReplicas.launcher(dataDir);
        ReplicaSupervisor supervisor = supervisor(launcher, List.of(P1, P2), NONE_SERVING);
        supervisor.start();
        long victim = awaitPid(supervisor, P1);
        long bystander = awaitPid(supervisor, P2);
        supervisor.scheduleFaults(List.of(new FaultSpec(P1, at, downFor)));

        Instant clockStart = Instant.now();
        supervisor.onAllReplicasUp();
        supervisor.onAllReplicasUp(); // only the first call starts the clock

        await().atMost(STARTUP).pollInterval(Duration.ofMillis(20)).until(() -> !FakeReplicas.isAlive(victim));
        assertThat(Duration.between(clockStart, Instant.now())).isGreaterThanOrEqualTo(at);

        awaitPidOtherThan(supervisor, P1, victim);
        List<Instant> launches = FakeReplicas.launchTimes(launcher.logFile(P1));
        // Held down for downFor: not relaunched by the check loop (every 100 ms) while the fault lasts.
        // (The launcher's own timestamp: ProcessHandle's start instant is off by up to a second on Linux.)
        assertThat(launches).hasSize(2);
        assertThat(launches.get(1)).isAfterOrEqualTo(clockStart.plus(at).plus(downFor));
        assertThat(supervisor.pidOf(P2)).hasValue(bystander);
        assertThat(messages())
                .contains("fault: killed replica " + P1 + " (pid " + victim + ")", "fault: restarted replica " + P1)
                .filteredOn(m -> m.startsWith("fault: killed")).hasSize(1);
    }

    @Test
    void closeStopsEveryReplicaAndIsIdempotent() {
        ReplicaSupervisor supervisor = supervisor(FakeReplicas.launcher(dataDir), List.of(P1, P2), NONE_SERVING);
        supervisor.start();
        long pid1 = awaitPid(supervisor, P1);
        long pid2 = awaitPid(supervisor, P2);

        supervisor.close();
        supervisor.close();

        assertThat(FakeReplicas.isAlive(pid1)).isFalse();
        assertThat(FakeReplicas.isAlive(pid2)).isFalse();
        assertThat(supervisor.pidOf(P1)).isEmpty();
        assertThat(warnings()).noneMatch(m -> m.contains("did not stop"));
    }

    @Test
    void closeKillsAReplicaThatIgnoresSigtermAfterTheGracePeriod() {
        ReplicaLauncher launcher = FakeReplicas.launcher(dataDir, "--fake", "ignore-sigterm");
        ReplicaSupervisor supervisor = new ReplicaSupervisor(launcher, List.of(P1), NONE_SERVING, CHECK, Duration.ofMillis(500));
        supervisors.add(supervisor);
        supervisor.start();
        long pid = awaitPid(supervisor, P1);
        // Wait until the fake has installed its shutdown hook, or SIGTERM would end it normally.
        await().atMost(STARTUP).until(() -> Files.readString(launcher.logFile(P1)).contains("fake replica running"));

        supervisor.close();

        assertThat(FakeReplicas.isAlive(pid)).isFalse();
        assertThat(warnings()).anyMatch(m -> m.contains("did not stop within 500 ms of SIGTERM"));
    }

    @Test
    void adoptsAReplicaThatIsAlreadyServingInsteadOfLaunchingAnother() throws Exception {
        Process survivor = FakeReplicas.startUnsupervised(dataDir.resolve("survivor.log"));
        seenPids.add(survivor.pid());
        ReplicaLauncher launcher = FakeReplicas.launcher(dataDir);
        ReplicaSupervisor supervisor = supervisor(launcher, List.of(P1),
                port -> port == P1 ? OptionalLong.of(survivor.pid()) : OptionalLong.empty());

        supervisor.start();

        assertThat(supervisor.pidOf(P1)).hasValue(survivor.pid());
        // Over several check intervals, nothing is launched for the port.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> !Files.exists(launcher.logFile(P1)) && supervisor.pidOf(P1).equals(OptionalLong.of(survivor.pid())));
        assertThat(messages()).contains("adopted replica " + P1 + " pid " + survivor.pid());

        supervisor.close();
        assertThat(survivor.isAlive()).isFalse();
    }

    @Test
    void relaunchesAnAdoptedReplicaThatExits() throws Exception {
        Process survivor = FakeReplicas.startUnsupervised(dataDir.resolve("survivor.log"));
        seenPids.add(survivor.pid());
        ReplicaLauncher launcher = FakeReplicas.launcher(dataDir);
        ReplicaSupervisor supervisor = supervisor(launcher, List.of(P1), port -> OptionalLong.of(survivor.pid()));
        supervisor.start();
        assertThat(supervisor.pidOf(P1)).hasValue(survivor.pid());

        survivor.destroyForcibly();

        long relaunched = awaitPidOtherThan(supervisor, P1, survivor.pid());
        assertThat(FakeReplicas.launchTimes(launcher.logFile(P1))).hasSize(1);
        assertThat(FakeReplicas.isAlive(relaunched)).isTrue();
    }

    @Test
    void launchesAReplicaWhoseReportedPidIsNoLongerRunning() throws Exception {
        Process gone = FakeReplicas.startUnsupervised(dataDir.resolve("gone.log"));
        gone.destroyForcibly();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ReplicaLauncher launcher = FakeReplicas.launcher(dataDir);
        ReplicaSupervisor supervisor = supervisor(launcher, List.of(P1), port -> OptionalLong.of(gone.pid()));

        supervisor.start();

        long pid = awaitPid(supervisor, P1);
        assertThat(pid).isNotEqualTo(gone.pid());
        assertThat(FakeReplicas.launchTimes(launcher.logFile(P1))).hasSize(1);
    }

    @Test
    void rejectsFaultsForPortsItDoesNotSuperviseAndFaultsAfterTheClockStarted() {
        ReplicaSupervisor supervisor = supervisor(FakeReplicas.launcher(dataDir), List.of(P1), NONE_SERVING);
        assertThatThrownBy(() -> supervisor.scheduleFaults(List.of(FaultSpec.parse("3333:1s:1s"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3333");
        assertThatThrownBy(supervisor::onAllReplicasUp).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> supervisor.pidOf(3333)).isInstanceOf(IllegalArgumentException.class);

        supervisor.start();
        long pid = awaitPid(supervisor, P1);
        supervisor.onAllReplicasUp();
        assertThatThrownBy(() -> supervisor.scheduleFaults(List.of(FaultSpec.parse(P1 + ":1s:1s"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before onAllReplicasUp");
        assertThatThrownBy(supervisor::start).isInstanceOf(IllegalStateException.class);
        assertThat(supervisor.pidOf(P1)).hasValue(pid);
    }

    private ReplicaSupervisor supervisor(ReplicaLauncher launcher, List<Integer> ports, IntFunction<OptionalLong> serving) {
        ReplicaSupervisor supervisor = new ReplicaSupervisor(launcher, ports, serving, CHECK);
        supervisors.add(supervisor);
        return supervisor;
    }

    private long awaitPid(ReplicaSupervisor supervisor, int port) {
        long pid = await().atMost(STARTUP).until(() -> supervisor.pidOf(port), OptionalLong::isPresent).getAsLong();
        seenPids.add(pid);
        return pid;
    }

    private long awaitPidOtherThan(ReplicaSupervisor supervisor, int port, long previous) {
        long pid = await().atMost(STARTUP)
                .until(() -> supervisor.pidOf(port), p -> p.isPresent() && p.getAsLong() != previous).getAsLong();
        seenPids.add(pid);
        return pid;
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
