package dev.kvstore.coordinator.process;

import dev.kvstore.rmi.DaemonThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps one replica process per port alive and runs the fault schedule. Thread-safe: every state change
 * happens under this object's lock, on the caller's thread or on one daemon thread that checks the
 * processes every {@code checkInterval} and fires the faults.
 */
public final class ReplicaSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSupervisor.class);

    static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

    private final ReplicaLauncher launcher;
    private final IntFunction<OptionalLong> alreadyServingPid;
    private final Duration checkInterval;
    private final Duration stopGrace;
    private final Map<Integer, ReplicaSlot> slots = new LinkedHashMap<>(); // guarded by this

    private List<FaultSpec> faults = List.of(); // guarded by this
    private ScheduledExecutorService timer;     // guarded by this; null until start
    private boolean faultClockStarted;          // guarded by this
    private boolean closed;                     // guarded by this

    public ReplicaSupervisor(ReplicaLauncher launcher, List<Integer> ports,
                             IntFunction<OptionalLong> alreadyServingPid, Duration checkInterval) {
        this(launcher, ports, alreadyServingPid, checkInterval, DEFAULT_STOP_GRACE);
    }

    /** For tests: {@code stopGrace} is how long {@link #close()} waits after SIGTERM before SIGKILL. */
    ReplicaSupervisor(ReplicaLauncher launcher, List<Integer> ports, IntFunction<OptionalLong> alreadyServingPid,
                      Duration checkInterval, Duration stopGrace) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.alreadyServingPid = Objects.requireNonNull(alreadyServingPid, "alreadyServingPid");
        this.checkInterval = positive(checkInterval, "checkInterval");
        this.stopGrace = positive(stopGrace, "stopGrace");
        if (ports.isEmpty()) throw new IllegalArgumentException("a supervisor needs at least one replica port");
        for (int port : ports) {
            if (slots.put(port, new ReplicaSlot(port)) != null) {
                throw new IllegalArgumentException("replica port " + port + " is listed twice");
            }
        }
    }

    /**
     * For each port, adopts the process that {@code alreadyServingPid} names (a replica that survived a
     * coordinator crash) or launches one; then starts the thread that relaunches replicas that exit.
     */
    public synchronized void start() {
        if (closed) throw new IllegalStateException("This supervisor is closed; it cannot be started.");
        if (timer != null) throw new IllegalStateException("This supervisor is already started; it cannot be started twice.");
        timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("replica-supervisor"));
        for (ReplicaSlot slot : slots.values()) {
            try (var ignored = MDC.putCloseable("replica", Integer.toString(slot.port))) {
                if (!adopt(slot)) launch(slot, System.nanoTime());
            }
        }
        long every = checkInterval.toNanos();
        timer.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.NANOSECONDS);
    }

    /** Sets the faults to run once {@link #onAllReplicasUp()} starts the fault clock. */
    public synchronized void scheduleFaults(List<FaultSpec> faults) {
        if (faultClockStarted) {
            throw new IllegalStateException("The fault clock is already running; schedule faults before onAllReplicasUp.");
        }
        for (FaultSpec fault : faults) {
            if (!slots.containsKey(fault.port())) {
                throw new IllegalArgumentException("fault " + fault + " names port " + fault.port()
                        + ", which is not a supervised replica " + slots.keySet());
            }
        }
        this.faults = List.copyOf(faults);
    }

    /**
     * Starts the fault clock once the cluster is first fully UP; only the first call counts. Each fault
     * kills its replica with SIGKILL at {@code at} and relaunches it at {@code at + downFor}.
     */
    public synchronized void onAllReplicasUp() {
        if (timer == null) throw new IllegalStateException("This supervisor is not started; start it before onAllReplicasUp.");
        if (faultClockStarted || closed) return;
        faultClockStarted = true;
        if (!faults.isEmpty()) LOG.info("all replicas up: fault clock started with {} faults {}", faults.size(), faults);
        for (FaultSpec fault : faults) {
            timer.schedule(() -> killForFault(fault), fault.at().toNanos(), TimeUnit.NANOSECONDS);
            timer.schedule(() -> restartAfterFault(fault), fault.at().plus(fault.downFor()).toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** The pid of the live replica process on {@code port}, if there is one. */
    public synchronized OptionalLong pidOf(int port) {
        ReplicaSlot slot = slot(port);
        return slot.isAlive() ? OptionalLong.of(slot.handle.pid()) : OptionalLong.empty();
    }

    /**
     * Stops the thread, then every replica launched or adopted: SIGTERM, up to 5 s to exit, then SIGKILL.
     * Idempotent.
     */
    @Override
    public void close() {
        List<ReplicaSlot> toStop = new ArrayList<>();
        ScheduledExecutorService stoppedTimer;
        synchronized (this) {
            if (closed) return;
            closed = true; // from here on no task launches anything
            stoppedTimer = timer;
            for (ReplicaSlot slot : slots.values()) {
                if (slot.isAlive()) toStop.add(slot);
            }
        }
        if (stoppedTimer != null) stoppedTimer.shutdownNow();
        LOG.info("stopping {} replicas", toStop.size());
        for (ReplicaSlot slot : toStop) slot.handle.destroy();
        long deadline = System.nanoTime() + stopGrace.toNanos();
        for (ReplicaSlot slot : toStop) {
            if (!awaitExit(slot.handle, Math.max(0, deadline - System.nanoTime()))) {
                LOG.warn("replica {} pid {} did not stop within {} ms of SIGTERM; killing it",
                        slot.port, slot.handle.pid(), stopGrace.toMillis());
                slot.handle.destroyForcibly();
                if (!awaitExit(slot.handle, TimeUnit.SECONDS.toNanos(5))) {
                    LOG.warn("replica {} pid {} is still alive after SIGKILL", slot.port, slot.handle.pid());
                }
            }
        }
    }

    private void checkAll() {
        try {
            synchronized (this) {
                if (closed) return;
                long now = System.nanoTime();
                for (ReplicaSlot slot : slots.values()) {
                    try (var ignored = MDC.putCloseable("replica", Integer.toString(slot.port))) {
                        check(slot, now);
                    }
                }
            }
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task and silently end supervision: log, and check again next time.
            LOG.error("replica check failed; retrying in {} ms", checkInterval.toMillis(), e);
        }
    }

    /** Notices an exit and relaunches, unless a fault holds the replica down or a backoff delay is running. */
    private void check(ReplicaSlot slot, long now) {
        if (slot.faultHolds > 0) return;
        if (slot.handle != null) {
            if (slot.isAlive()) return;
            onExited(slot, now);
        }
        if (now - slot.relaunchAtNanos >= 0) launch(slot, now);
    }

    private void onExited(ReplicaSlot slot, long now) {
        String status = slot.exitStatus();
        Duration uptime = slot.adopted ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(now - slot.launchedAtNanos);
        slot.clearProcess();
        Duration delay = slot.backoff.onExit(uptime);
        slot.relaunchAtNanos = now + delay.toNanos();
        if (delay.isZero()) {
            LOG.info("replica {} exited with {}; restarting", slot.port, status);
        } else {
            LOG.warn("replica {} exited with {} {} ms after launch ({} quick exits in a row); restarting in {} ms; see {}",
                    slot.port, status, uptime.toMillis(), slot.backoff.quickExits(), delay.toMillis(),
                    launcher.logFile(slot.port));
        }
    }

    private void launch(ReplicaSlot slot, long now) {
        try {
            Process process = launcher.launch(slot.port);
            slot.launched(process, now);
        } catch (IOException | RuntimeException e) {
            Duration delay = slot.backoff.onExit(Duration.ZERO);
            slot.relaunchAtNanos = now + delay.toNanos();
            LOG.warn("could not launch replica {}; retrying in {} ms; see {}",
                    slot.port, delay.toMillis(), launcher.logFile(slot.port), e);
        }
    }

    private boolean adopt(ReplicaSlot slot) {
        OptionalLong pid;
        try {
            pid = alreadyServingPid.apply(slot.port);
        } catch (RuntimeException e) {
            LOG.warn("could not tell whether replica {} is already serving; launching it", slot.port, e);
            return false;
        }
        if (pid == null || pid.isEmpty()) return false;
        if (pid.getAsLong() == ProcessHandle.current().pid()) {
            LOG.warn("replica {} is reported served by this coordinator's own pid {}; launching it", slot.port, pid.getAsLong());
            return false;
        }
        var handle = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            LOG.info("replica {} was served by pid {}, which is gone; launching it", slot.port, pid.getAsLong());
            return false;
        }
        slot.adopted(handle.get());
        LOG.info("adopted replica {} pid {}", slot.port, pid.getAsLong());
        return true;
    }

    private void killForFault(FaultSpec fault) {
        synchronized (this) {
            if (closed) return;
            ReplicaSlot slot = slots.get(fault.port());
            try (var ignored = MDC.putCloseable("replica", Integer.toString(slot.port))) {
                slot.faultHolds++;
                if (slot.isAlive()) {
                    slot.handle.destroyForcibly();
                    LOG.info("fault: killed replica {} (pid {})", slot.port, slot.handle.pid());
                } else {
                    LOG.info("fault: replica {} was not running; holding it down", slot.port);
                }
            }
        }
    }

    private void restartAfterFault(FaultSpec fault) {
        synchronized (this) {
            if (closed) return;
            ReplicaSlot slot = slots.get(fault.port());
            try (var ignored = MDC.putCloseable("replica", Integer.toString(slot.port))) {
                if (--slot.faultHolds > 0) return; // an overlapping fault still holds it down
                if (slot.isAlive()) {
                    // SIGKILL not yet done (downFor 0): the check loop relaunches it once its exit is noticed.
                    LOG.info("fault: replica {} pid {} has not exited yet; restarting it once it does", slot.port, slot.handle.pid());
                    return;
                }
                slot.clearProcess();
                slot.backoff.reset();
                launch(slot, System.nanoTime());
                LOG.info("fault: restarted replica {}", slot.port);
            }
        }
    }

    private ReplicaSlot slot(int port) {
        ReplicaSlot slot = slots.get(port);
        if (slot == null) throw new IllegalArgumentException("port " + port + " is not a supervised replica " + slots.keySet());
        return slot;
    }

    private static boolean awaitExit(ProcessHandle handle, long nanos) {
        try {
            handle.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, got " + d);
        return d;
    }
}
