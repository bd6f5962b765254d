package dev.kvstore.verify;

import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.Durations;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.verify.check.CheckResult;
import dev.kvstore.verify.check.ConvergenceChecker;
import dev.kvstore.verify.check.LivenessChecker;
import dev.kvstore.verify.check.LostWriteChecker;
import dev.kvstore.verify.check.ResourceFlatnessChecker;
import dev.kvstore.verify.check.ResourceSampler;
import dev.kvstore.verify.history.History;
import dev.kvstore.verify.history.HistoryJson;
import dev.kvstore.verify.history.JsonText;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.linear.LinearizabilityChecker;
import dev.kvstore.verify.linear.LinearizabilityReport;
import dev.kvstore.verify.nemesis.LocalClusterControl;
import dev.kvstore.verify.nemesis.Nemesis;
import dev.kvstore.verify.nemesis.NemesisSchedule;
import dev.kvstore.verify.nemesis.PlannedFault;
import dev.kvstore.verify.workload.OperationRunner;
import dev.kvstore.verify.workload.ReplicaStubs;
import dev.kvstore.verify.workload.Workload;
import dev.kvstore.verify.workload.WorkloadSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One fault run from start to verdict: start a local cluster, run the workload with the nemesis on
 * its schedule, heal, check liveness and convergence, read every key on every replica, check the
 * history, write it as JSON lines and print the summary. Every process started is stopped at the end.
 * For one thread.
 */
public final class FaultRun {
    /** What a run found. */
    public record Result(List<CheckResult> checks, List<Operation> operations, long faultsInjected, Path historyFile, int exitCode) {}

    private final RunSettings settings;
    private final PrintStream out;

    public FaultRun(RunSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public Result execute() throws Exception {
        Path dataDir = prepareDataDir(settings.dataDir());
        Path historyFile = settings.out() != null ? settings.out() : dataDir.resolve("history.jsonl");
        out.printf("kvstore-verify: profile %s, seed %d, %s of load with faults %s, %d clients over %d keys%n", settings.profile(),
                settings.seed(), Durations.format(settings.duration()), settings.faultNames(), settings.clients(), settings.keys());
        out.println("  cluster data and logs in " + dataDir);
        try (LocalCluster cluster = LocalCluster.start(dataDir, RunSettings.REPLICAS, RunSettings.RPC_TIMEOUT, RunSettings.RECOVERY_BOUND);
                RemoteCalls calls = new RemoteCalls(RunSettings.CLIENT_DEADLINE, "verify-client")) {
            History history = new History(System::nanoTime);
            OperationRunner runner = new OperationRunner(history, calls);
            ReplicaStubs stubs = new ReplicaStubs(cluster::replica);
            List<PlannedFault> plan = NemesisSchedule.plan(settings.seed(), settings.faults(), RunSettings.REPLICAS,
                    RunSettings.WARMUP, settings.duration().minus(settings.calmTail()));
            out.printf("  cluster up: coordinator %d, replicas %s; %d fault episodes planned%n", cluster.coordinatorPort(),
                    cluster.replicaPorts(), plan.size());

            ResourceSampler sampler = settings.sampleEvery() == null ? null
                    : new ResourceSampler(() -> pidsOf(cluster), history::now, settings.sampleEvery().toMillis());
            runLoadUnderFaults(cluster, history, runner, stubs, plan, sampler);

            List<CheckResult> results = new ArrayList<>();
            CheckResult liveness = LivenessChecker.check(cluster, stubs, runner, RunSettings.RECOVERY_BOUND);
            CheckResult convergence = ConvergenceChecker.await(cluster, RunSettings.RECOVERY_BOUND);
            readEveryKeyOnEveryReplica(cluster, stubs, runner);

            List<Operation> ops = history.operations();
            out.printf("  checking %d operations...%n", ops.size());
            long checkStart = System.nanoTime();
            LinearizabilityChecker linearizability = new LinearizabilityChecker(settings.checkBudget(), System::nanoTime);
            results.add(LinearizabilityReport.toResult(linearizability.checkAll(ops), history.faults()));
            out.printf("  linearizability checked in %.1f s%n", (System.nanoTime() - checkStart) / 1e9);
            results.add(LostWriteChecker.check(ops));
            results.add(convergence);
            results.add(liveness);
            if (sampler != null) results.add(ResourceFlatnessChecker.check(sampler.samples()));

            HistoryJson.write(historyFile, header(cluster), history);
            RunReport.print(out, settings, ops, history.faults(), results);
            out.println("history: " + historyFile);
            long injected = history.faults().stream().filter(f -> f.action().injectsFault()).count();
            return new Result(results, ops, injected, historyFile, RunReport.exitCode(results));
        }
    }

    private void runLoadUnderFaults(LocalCluster cluster, History history, OperationRunner runner, ReplicaStubs stubs,
            List<PlannedFault> plan, ResourceSampler sampler) throws InterruptedException {
        WorkloadSettings load = new WorkloadSettings(settings.clients(), settings.keys(), settings.opsPerSecondPerClient(),
                settings.maxOps(), settings.seed());
        Workload workload = new Workload(load, cluster.replicaPorts(), stubs, runner);
        Nemesis nemesis = new Nemesis(new LocalClusterControl(cluster), history);
        Thread nemesisThread = new Thread(() -> nemesis.run(plan, until -> sleepUntil(history, until)), "nemesis");
        nemesisThread.setDaemon(true);
        if (sampler != null) sampler.start();
        workload.start();
        nemesisThread.start();
        long end = settings.duration().toNanos();
        long nextProgress = 10_000_000_000L;
        while (history.now() < end && !workload.finished()) {
            Thread.sleep(200);
            if (history.now() >= nextProgress) {
                out.printf("  %3d s: %d operations, %d faults%n", nextProgress / 1_000_000_000L, history.operations().size(),
                        history.faults().stream().filter(f -> f.action().injectsFault()).count());
                nextProgress += 10_000_000_000L;
            }
        }
        nemesisThread.join(30_000); // its plan ended a calm tail ago
        nemesisThread.interrupt();
        nemesisThread.join(30_000);
        nemesis.healAll();
        if (!workload.stopAndAwait(Duration.ofSeconds(30))) out.println("  warning: a client did not stop within 30 s");
        if (sampler != null) sampler.stop();
    }

    /** The final reads the lost-write checker judges: every key on every replica, retried a few times. */
    private void readEveryKeyOnEveryReplica(LocalCluster cluster, ReplicaStubs stubs, OperationRunner runner) throws InterruptedException {
        for (int k = 0; k < settings.keys(); k++) {
            for (int port : cluster.replicaPorts()) {
                for (int attempt = 0; attempt < 5; attempt++) {
                    try {
                        if (runner.get(LostWriteChecker.FINAL_READER, port, stubs.stub(port), WorkloadSettings.key(k)).ok()) break;
                    } catch (RuntimeException e) {
                        // not reachable right now; the attempt is not an operation
                    }
                    stubs.forget(port);
                    Thread.sleep(200);
                }
            }
        }
    }

    private static void sleepUntil(History history, long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - history.now()) > 0) Thread.sleep(Math.max(1, left / 1_000_000));
    }

    private static Map<String, Long> pidsOf(LocalCluster cluster) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put(ResourceFlatnessChecker.SELF, ProcessHandle.current().pid());
        if (cluster.coordinatorPid() > 0) pids.put("coordinator", cluster.coordinatorPid());
        for (int port : cluster.replicaPorts()) {
            try {
                pids.put("replica:" + port, cluster.replicaPid(port));
            } catch (Exception e) {
                // restarting, or the coordinator is down: sampled next round
            }
        }
        return pids;
    }

    private String header(LocalCluster cluster) {
        return "{\"type\":\"run\",\"profile\":" + JsonText.quote(settings.profile())
                + ",\"seed\":" + settings.seed()
                + ",\"duration_ms\":" + settings.duration().toMillis()
                + ",\"clients\":" + settings.clients()
                + ",\"keys\":" + settings.keys()
                + ",\"faults\":" + JsonText.quote(settings.faultNames())
                + ",\"coordinator_port\":" + cluster.coordinatorPort()
                + ",\"replica_ports\":[" + cluster.replicaPorts().stream().map(String::valueOf).collect(Collectors.joining(",")) + "]}";
    }

    /** An absolute, empty directory: {@code requested} if given (created if missing), a new temporary one otherwise. */
    static Path prepareDataDir(Path requested) throws IOException {
        if (requested == null) return Files.createTempDirectory("kvstore-verify-").toAbsolutePath();
        Path dir = requested.toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--data-dir " + dir + " is not empty: a run starts from an empty store");
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
