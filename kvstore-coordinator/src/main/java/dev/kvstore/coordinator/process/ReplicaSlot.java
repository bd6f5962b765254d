package dev.kvstore.coordinator.process;

import java.util.Optional;

/**
 * What the supervisor knows about one replica port: its process, if any, and when to relaunch it.
 * Not thread-safe: used only under the {@link ReplicaSupervisor}'s lock.
 */
final class ReplicaSlot {

    final int port;
    final RestartBackoff backoff = new RestartBackoff();

    /** The replica's process, launched or adopted; null once its exit was noticed. */
    ProcessHandle handle;
    /** Set only for a process this supervisor launched, which gives an exit code. */
    private Process process;
    boolean adopted;
    long launchedAtNanos;
    /** While {@link #handle} is null: the earliest {@code System.nanoTime()} to relaunch at. */
    long relaunchAtNanos;
    /** Faults currently holding the replica down; while positive it is not relaunched. */
    int faultHolds;

    ReplicaSlot(int port) {
        this.port = port;
    }

    void launched(Process launched, long nanos) {
        process = launched;
        handle = launched.toHandle();
        adopted = false;
        launchedAtNanos = nanos;
    }

    void adopted(ProcessHandle running) {
        process = null;
        handle = running;
        adopted = true;
    }

    void clearProcess() {
        process = null;
        handle = null;
        adopted = false;
    }

    /** Whether the process runs; a launched one counts as exited only once the JVM has reaped it and knows its code. */
    boolean isAlive() {
        if (process != null) return process.isAlive();
        return handle != null && handle.isAlive();
    }

    /** How the process ended, for the log: an exit code (and signal, by the 128+N convention) when known. */
    String exitStatus() {
        if (process == null) {
            return "an unknown status (adopted pid " + Optional.ofNullable(handle).map(ProcessHandle::pid).orElse(-1L) + ")";
        }
        int code;
        try {
            code = process.exitValue();
        } catch (IllegalThreadStateException e) {
            return "an unknown status (pid " + process.pid() + " not yet reaped)";
        }
        return code > 128 && code < 160 ? "exit code " + code + " (signal " + (code - 128) + ")" : "exit code " + code;
    }
}
