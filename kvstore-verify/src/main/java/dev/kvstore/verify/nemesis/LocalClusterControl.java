package dev.kvstore.verify.nemesis;

import dev.kvstore.coordinator.local.LocalCluster;
import java.util.List;

/**
 * {@link ClusterControl} over a {@link LocalCluster}. Before signalling a pid it checks that the
 * process is alive and is the replica of this cluster on that port (its command line names
 * {@code ReplicaMain} and the port under this cluster's data directory), so a stale pid never hits
 * another process. Thread-safe as far as {@code LocalCluster} is.
 */
public final class LocalClusterControl implements ClusterControl {
    private static final String REPLICA_MAIN = "dev.kvstore.server.ReplicaMain";

    private final LocalCluster cluster;

    public LocalClusterControl(LocalCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public List<Integer> replicaPorts() {
        return cluster.replicaPorts();
    }

    @Override
    public long replicaPid(int port) throws Exception {
        long pid = cluster.replicaPid(port);
        if (!isReplicaOfThisCluster(pid, port)) {
            throw new IllegalStateException("pid " + pid + " is not a live replica " + port + " of this cluster");
        }
        return pid;
    }

    @Override
    public void signal(long pid, String signal) throws Exception {
        int port = portOf(pid);
        if (port < 0) throw new IllegalStateException("refusing to signal pid " + pid + ": not a live replica of this cluster");
        cluster.signal(pid, signal);
    }

    @Override
    public void killCoordinator() throws Exception {
        if (cluster.coordinatorPid() < 0) throw new IllegalStateException("the coordinator is not running");
        cluster.killCoordinator();
    }

    @Override
    public void restartCoordinator() {
        cluster.restartCoordinator();
    }

    @Override
    public String coordinatorName() {
        return "coordinator:" + cluster.coordinatorPort();
    }

    private int portOf(long pid) {
        for (int port : cluster.replicaPorts()) {
            if (isReplicaOfThisCluster(pid, port)) return port;
        }
        return -1;
    }

    private boolean isReplicaOfThisCluster(long pid, int port) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().arguments())
                .map(args -> isReplicaCommand(List.of(args), port))
                .orElse(false);
    }

    private boolean isReplicaCommand(List<String> args, int port) {
        int portFlag = args.indexOf("--port");
        boolean rightPort = portFlag >= 0 && portFlag + 1 < args.size() && args.get(portFlag + 1).equals(Integer.toString(port));
        String dataDir = cluster.dataDir().toAbsolutePath().toString();
        boolean ourData = args.stream().anyMatch(a -> a.startsWith(dataDir));
        return args.contains(REPLICA_MAIN) && rightPort && ourData;
    }
}
