package dev.kvstore.verify.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients of a run, each on its own thread. {@link #stop()} lets every client finish the operation
 * it is in (each is bounded by the call deadline), so no operation is cut short by the harness.
 * Start once, from one thread.
 */
public final class Workload {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong opsLeft;
    private volatile boolean running = true;

    public Workload(WorkloadSettings settings, List<Integer> ports, ReplicaStubs stubs, OperationRunner runner) {
        this.opsLeft = new AtomicLong(settings.maxOps());
        for (int i = 0; i < settings.clients(); i++) {
            Client client = new Client(i, settings, ports, stubs, runner, () -> running, opsLeft);
            Thread t = new Thread(client, "client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public void start() {
        for (Thread t : threads) t.start();
    }

    /** Asks every client to stop after its current operation. */
    public void stop() {
        running = false;
    }

    /** Whether every client has stopped by itself (its operation budget is spent). */
    public boolean finished() {
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Stops the clients and waits for them; returns false if one is still running after {@code within}. */
    public boolean stopAndAwait(Duration within) throws InterruptedException {
        stop();
        long deadline = System.nanoTime() + within.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) t.join(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
        return finished();
    }
}
