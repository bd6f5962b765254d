package dev.kvstore.rmi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread per JVM that runs periodic checks every {@value #PERIOD_MILLIS} ms, all of
 * them on one wake-up: the socket watchdog and the sweep of deadlines share it. Started by the
 * first check. Thread-safe.
 */
final class Housekeeper {
    /** How often the checks run: a small part of any timeout a KVStore process uses, and rarely enough to cost nothing. */
    static final long PERIOD_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);
    private static final Housekeeper SHARED = new Housekeeper();

    private final List<Runnable> checks = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService thread; // guarded by this; started with the first check

    static Housekeeper shared() {
        return SHARED;
    }

    /** Runs {@code check} every period from now on. */
    synchronized void every(Runnable check) {
        checks.add(check);
        if (thread != null) return;
        thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("housekeeper"));
        thread.scheduleWithFixedDelay(this::runChecks, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void runChecks() {
        for (Runnable check : checks) {
            try {
                check.run();
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again: one failure must not end the checks.
                log.error("a periodic check failed; it runs again in {} ms", PERIOD_MILLIS, e);
            }
        }
    }
}
