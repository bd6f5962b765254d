package dev.kvstore.verify.nemesis;

import dev.kvstore.verify.history.FaultAction;
import dev.kvstore.verify.history.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages a {@link NemesisSchedule} against a cluster and records every action in the history. A fault
 * it cannot stage (a pid still unknown after 5 s, while a replica or the coordinator restarts) is
 * recorded as skipped, never guessed.
 * {@link #healAll()} resumes every paused replica and restarts the coordinator if it is down. Run
 * {@link #run} on one thread; {@link #healAll()} may be called from another once {@code run} returned.
 */
public final class Nemesis {
    private static final Logger LOG = LoggerFactory.getLogger(Nemesis.class);
    private static final int PID_ATTEMPTS = 20;
    private static final long PID_RETRY_NANOS = 250_000_000L;

    private final ClusterControl cluster;
    private final History history;
    private final Map<Long, Integer> paused = new LinkedHashMap<>(); // pid -> port
    private boolean coordinatorDown;

    public Nemesis(ClusterControl cluster, History history) {
        this.cluster = cluster;
        this.history = history;
    }

    /** Stages every episode in order, healing each after its hold; on interruption heals and returns. */
    public synchronized void run(List<PlannedFault> plan, Pacer pacer) {
        try {
            for (PlannedFault fault : plan) {
                pacer.awaitTime(fault.atNanos());
                List<Long> pausedNow = inject(fault, pacer);
                pacer.awaitTime(fault.healAtNanos());
                heal(fault, pausedNow);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            healAll();
        }
    }

    /** Resumes every replica this nemesis paused and restarts the coordinator if it killed it. Idempotent. */
    public synchronized void healAll() {
        for (long pid : new ArrayList<>(paused.keySet())) resume(pid);
        if (coordinatorDown) restartCoordinator();
    }

    private List<Long> inject(PlannedFault fault, Pacer pacer) throws InterruptedException {
        List<Integer> ports = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        for (int index : fault.replicaIndexes()) {
            int port = cluster.replicaPorts().get(index);
            long pid = pidOf(port, fault, pacer); // before any coordinator kill: it is what knows the pids
            if (pid < 0) return List.of();
            pids.add(pid);
            ports.add(port);
        }
        List<Long> pausedNow = new ArrayList<>();
        switch (fault.kind()) {
            case KILL_REPLICA, KILL_TWO_REPLICAS -> {
                for (int i = 0; i < pids.size(); i++) kill(pids.get(i), ports.get(i));
            }
            case PAUSE_REPLICA -> pause(pids.get(0), ports.get(0), pausedNow);
            case KILL_COORDINATOR -> killCoordinator();
            case PAUSE_AND_KILL -> {
                pause(pids.get(0), ports.get(0), pausedNow);
                kill(pids.get(1), ports.get(1));
            }
            case COORDINATOR_AND_KILL -> {
                killCoordinator(); // nobody restarts the replica until the coordinator is back
                kill(pids.get(0), ports.get(0));
            }
            case COORDINATOR_AND_PAUSE -> {
                pause(pids.get(0), ports.get(0), pausedNow);
                killCoordinator();
            }
        }
        return pausedNow;
    }

    /** The replica's pid, asking again for a while (a coordinator just restarted is not answering yet); -1 if unknown. */
    private long pidOf(int port, PlannedFault fault, Pacer pacer) throws InterruptedException {
        Exception last = null;
        for (int attempt = 0; attempt < PID_ATTEMPTS; attempt++) {
            try {
                return cluster.replicaPid(port);
            } catch (Exception e) {
                last = e;
                pacer.awaitTime(history.now() + PID_RETRY_NANOS);
            }
        }
        history.fault(FaultAction.SKIPPED, replica(port), -1, fault.kind().cliName() + ": pid unknown (" + last.getMessage() + ")");
        return -1;
    }

    private void heal(PlannedFault fault, List<Long> pausedNow) {
        if (fault.restartCoordinatorFirst() && coordinatorDown) restartCoordinator();
        for (long pid : pausedNow) resume(pid);
        if (coordinatorDown) restartCoordinator();
    }

    private void kill(long pid, int port) {
        if (signal(pid, "KILL", FaultAction.KILL_REPLICA, replica(port))) paused.remove(pid);
    }

    private void pause(long pid, int port, List<Long> pausedNow) {
        if (signal(pid, "STOP", FaultAction.PAUSE_REPLICA, replica(port))) {
            paused.put(pid, port);
            pausedNow.add(pid);
        }
    }

    private void resume(long pid) {
        Integer port = paused.remove(pid);
        if (port != null) signal(pid, "CONT", FaultAction.RESUME_REPLICA, replica(port));
    }

    private boolean signal(long pid, String signal, FaultAction action, String target) {
        try {
            cluster.signal(pid, signal);
            history.fault(action, target, pid, "");
            LOG.info("nemesis: {} {} pid {}", action.jsonName(), target, pid);
            return true;
        } catch (Exception e) {
            history.fault(FaultAction.SKIPPED, target, pid, action.jsonName() + " failed: " + e.getMessage());
            LOG.warn("nemesis: {} {} pid {} failed: {}", action.jsonName(), target, pid, e.toString());
            return false;
        }
    }

    private void killCoordinator() {
        try {
            cluster.killCoordinator();
            coordinatorDown = true;
            history.fault(FaultAction.KILL_COORDINATOR, cluster.coordinatorName(), -1, "");
            LOG.info("nemesis: kill-coordinator");
        } catch (Exception e) {
            history.fault(FaultAction.SKIPPED, cluster.coordinatorName(), -1, "kill-coordinator failed: " + e.getMessage());
        }
    }

    private void restartCoordinator() {
        try {
            cluster.restartCoordinator();
            coordinatorDown = false;
            history.fault(FaultAction.RESTART_COORDINATOR, cluster.coordinatorName(), -1, "");
            LOG.info("nemesis: restart-coordinator");
        } catch (Exception e) {
            history.fault(FaultAction.SKIPPED, cluster.coordinatorName(), -1, "restart-coordinator failed: " + e.getMessage());
        }
    }

    private static String replica(int port) {
        return "replica:" + port;
    }
}
