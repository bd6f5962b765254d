package dev.kvstore.verify.nemesis;

import java.util.List;

/**
 * What the nemesis needs from a cluster: its replicas, their pids, signals, and the coordinator's
 * life. The real one drives {@code LocalCluster}; tests use a fake. Implementations only ever signal
 * processes of the cluster they control.
 */
public interface ClusterControl {
    List<Integer> replicaPorts();

    /** The pid of the replica serving on {@code port}; throws when it is not known right now. */
    long replicaPid(int port) throws Exception;

    /** Sends {@code signal} (KILL, STOP, CONT) to {@code pid}, a replica of this cluster. */
    void signal(long pid, String signal) throws Exception;

    void killCoordinator() throws Exception;

    void restartCoordinator() throws Exception;

    /** {@code coordinator:PORT}, for the history. */
    String coordinatorName();
}
