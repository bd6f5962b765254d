package dev.kvstore.verify.workload;

import dev.kvstore.api.KVStore;
import dev.kvstore.verify.history.OutcomeClassifier;
import java.rmi.RemoteException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One workload client: bound to a random replica, it issues random gets, puts (of values unique in
 * the run: {@code c3-17} is client 3's 17th put) and deletes over the run's keys, and moves to
 * another random replica when its replica fails it. Runs on its own thread until told to stop or the
 * run's operation budget is spent.
 */
final class Client implements Runnable {
    private final int id;
    private final WorkloadSettings settings;
    private final List<Integer> ports;
    private final ReplicaStubs stubs;
    private final OperationRunner runner;
    private final Random random;
    private final BooleanSupplier keepGoing;
    private final AtomicLong opsLeft;
    private int puts;

    Client(int id, WorkloadSettings settings, List<Integer> ports, ReplicaStubs stubs, OperationRunner runner,
            BooleanSupplier keepGoing, AtomicLong opsLeft) {
        this.id = id;
        this.settings = settings;
        this.ports = List.copyOf(ports);
        this.stubs = stubs;
        this.runner = runner;
        this.random = new Random(settings.seed() * 31 + id);
        this.keepGoing = keepGoing;
        this.opsLeft = opsLeft;
    }

    @Override
    public void run() {
        String process = "c" + id;
        int port = pickReplica();
        while (keepGoing.getAsBoolean() && opsLeft.getAndDecrement() > 0) {
            KVStore stub;
            try {
                stub = stubs.stub(port);
            } catch (RuntimeException e) {
                port = pickReplica(); // not reachable right now: no operation was invoked
                if (!pause(100)) return;
                continue;
            }
            String key = WorkloadSettings.key(random.nextInt(settings.keys()));
            int dice = random.nextInt(100);
            OperationRunner.Attempt attempt;
            if (dice < 50) {
                attempt = runner.get(process, port, stub, key);
            } else if (dice < 85) {
                attempt = runner.put(process, port, stub, key, process + "-" + puts++);
            } else {
                attempt = runner.delete(process, port, stub, key);
            }
            if (!attempt.ok() && OutcomeClassifier.shouldSwitchReplica(attempt.error())) {
                if (attempt.error() instanceof RemoteException) stubs.forget(port);
                port = pickReplica();
            }
            if (!pause(thinkMillis())) return;
        }
    }

    private int pickReplica() {
        return ports.get(random.nextInt(ports.size()));
    }

    /** Uniform in [0, 2/rate], so the mean rate is the configured one. */
    private long thinkMillis() {
        double mean = 1000.0 / settings.opsPerSecondPerClient();
        return (long) (random.nextDouble() * 2 * mean);
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
