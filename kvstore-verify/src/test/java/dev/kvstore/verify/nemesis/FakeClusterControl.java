package dev.kvstore.verify.nemesis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A cluster that only writes down what was done to it; pids are 100 + port unless told otherwise. */
final class FakeClusterControl implements ClusterControl {
    final List<String> actions = new ArrayList<>();
    final Map<Integer, Long> unknownPids = new HashMap<>();
    /** How many pid lookups fail (the coordinator not answering yet) before they work. */
    int pidLookupsFailing;
    private final List<Integer> ports;

    FakeClusterControl(List<Integer> ports) {
        this.ports = List.copyOf(ports);
    }

    @Override
    public List<Integer> replicaPorts() {
        return ports;
    }

    @Override
    public long replicaPid(int port) {
        if (unknownPids.containsKey(port)) throw new IllegalStateException("no pid for " + port);
        if (pidLookupsFailing > 0) {
            pidLookupsFailing--;
            throw new IllegalStateException("connection refused");
        }
        return 100 + port;
    }

    @Override
    public void signal(long pid, String signal) {
        actions.add(signal + " " + pid);
    }

    @Override
    public void killCoordinator() {
        actions.add("kill coordinator");
    }

    @Override
    public void restartCoordinator() {
        actions.add("restart coordinator");
    }

    @Override
    public String coordinatorName() {
        return "coordinator:1099";
    }
}
