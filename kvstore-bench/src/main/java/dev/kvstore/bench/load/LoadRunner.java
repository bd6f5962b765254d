package dev.kvstore.bench.load;

import dev.kvstore.bench.result.RunResult;
import dev.kvstore.bench.workload.KeyChooser;
import dev.kvstore.bench.workload.Workload;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one closed-loop benchmark against a target: opens one client per worker thread, runs the
 * warm-up and the measured window, prints progress, and merges the workers' histograms. One run
 * at a time per instance.
 */
public final class LoadRunner {
    /** How long after the end a worker may still be inside a call (bounded by the client's own timeouts). */
    private static final Duration JOIN_GRACE = Duration.ofSeconds(60);
    private static final int OPENERS = 16;

    private final PrintStream progressOut;

    /** A runner that prints progress lines (when a run asks for them) to {@code progressOut}. */
    public LoadRunner(PrintStream progressOut) {
        this.progressOut = progressOut;
    }

    /** Runs {@code spec} against {@code target} and returns what the measured window recorded. */
    public RunResult run(BenchTarget target, RunSpec spec) throws Exception {
        List<BenchClient> clients = openClients(target, spec.clients());
        ScheduledExecutorService progress = null;
        try {
            KeyChooser keys = spec.workload().chooser();
            LongAdder measuredOk = new LongAdder();
            long begin = System.nanoTime();
            long measureFrom = begin + spec.warmup().toNanos();
            long end = measureFrom + spec.duration().toNanos();
            List<Worker> workers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                Worker worker = new Worker(clients.get(i), keys, spec.readRatio(), spec.workload().workerSeed(i),
                        measureFrom, end, measuredOk);
                workers.add(worker);
                Thread thread = new Thread(worker, "bench-" + target.name() + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            if (spec.progress()) progress = startProgress(target.name(), spec, measureFrom, measuredOk);
            joinAll(threads, end, target.name());
            List<WorkerStats> stats = workers.stream().map(Worker::stats).toList();
            double seconds = spec.duration().toNanos() / 1e9;
            return new RunResult(target.name(), target.tls(), spec.clients(), spec.readRatio(), seconds,
                    WorkerStats.merge(stats).toOpStats(seconds), 1);
        } finally {
            if (progress != null) progress.shutdownNow();
            clients.forEach(BenchClient::close);
        }
    }

    /** A load to burn in with: the client count and read ratio of a run that is to be measured. */
    public record Load(int clients, double readRatio) {}

    /**
     * Drives {@code target} for {@code duration} and throws the result away: each of {@code loads}
     * in turn, for an equal share of the time. A freshly started cluster spends its first tens of
     * seconds compiling hot code (six JVMs share two cores here), and a load of another shape
     * (more clients, writes instead of reads) takes other paths and makes the JIT compile again;
     * with every load core busy, the compiler gets little of the CPU and takes long over it. So
     * the burn-in runs the very loads that will be measured, and no measured run pays for that.
     */
    public void burnIn(BenchTarget target, Duration duration, Workload workload, List<Load> loads) throws Exception {
        if (duration.isZero() || loads.isEmpty()) return;
        Duration share = duration.dividedBy(loads.size());
        if (share.isZero()) share = Duration.ofMillis(1);
        for (Load load : loads) {
            run(target, new RunSpec(load.clients(), Duration.ZERO, share, load.readRatio(), workload, false));
        }
    }

    private static List<BenchClient> openClients(BenchTarget target, int count) throws Exception {
        ExecutorService openers = Executors.newFixedThreadPool(Math.min(count, OPENERS));
        List<Future<BenchClient>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int worker = i;
            pending.add(openers.submit(() -> target.open(worker)));
        }
        openers.shutdown();
        List<BenchClient> clients = new ArrayList<>();
        Exception failure = null;
        for (Future<BenchClient> f : pending) {
            try {
                clients.add(f.get());
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause() instanceof Exception c ? c : e;
            }
        }
        if (failure != null) {
            clients.forEach(BenchClient::close);
            throw new IllegalStateException("could not open " + count + " " + target.name() + " clients: " + failure, failure);
        }
        return clients;
    }

    private static void joinAll(List<Thread> threads, long endNanos, String target) throws InterruptedException {
        long deadline = endNanos + JOIN_GRACE.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " is still inside a " + target + " call "
                        + JOIN_GRACE.toSeconds() + " s after the run ended");
            }
        }
    }

    private ScheduledExecutorService startProgress(String target, RunSpec spec, long measureFrom, LongAdder measuredOk) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        long total = spec.duration().toSeconds();
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            if (now - measureFrom < 0) {
                progressOut.printf(Locale.ROOT, "%s %d clients, read ratio %.2f: warming up%n", target, spec.clients(),
                        spec.readRatio());
                return;
            }
            double elapsed = (now - measureFrom) / 1e9;
            progressOut.printf(Locale.ROOT, "%s %d clients, read ratio %.2f: %.0f/%d s, %,.0f ops/s so far%n", target,
                    spec.clients(), spec.readRatio(), Math.min(elapsed, total), total,
                    measuredOk.sum() / Math.max(elapsed, 1e-3));
        }, 1, 1, TimeUnit.SECONDS);
        return timer;
    }
}
