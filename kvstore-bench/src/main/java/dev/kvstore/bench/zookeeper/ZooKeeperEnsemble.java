package dev.kvstore.bench.zookeeper;

import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.coordinator.process.Classpath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZooKeeper ensemble on loopback: one {@code QuorumPeerMain} JVM per server, run with this JVM's
 * java binary and class path, each with its own {@code zoo.cfg}, {@code myid} and log under the
 * ensemble's directory. {@link #close()} (or a shutdown hook, if the caller dies) stops every
 * server by its pid. Start and close from one thread.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperEnsemble.class);
    private static final String MAIN = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    /** The same heap and collector the coordinator gives KVStore replicas. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-Dzookeeper.jmx.log4j.disable=true");
    private static final Duration PROBE_CONNECT = Duration.ofSeconds(5);

    private final Path dir;
    private final List<ServerPorts> ports;
    private final List<Process> servers = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::destroyAll, "zookeeper-ensemble-cleanup");

    private ZooKeeperEnsemble(Path dir, List<ServerPorts> ports) {
        this.dir = dir;
        this.ports = List.copyOf(ports);
    }

    /** Starts {@code size} servers under {@code dir} on free loopback ports and waits until every one serves. */
    public static ZooKeeperEnsemble start(Path dir, int size, Duration within) throws IOException, InterruptedException {
        List<Integer> free = LocalCluster.freePorts(3 * size);
        List<ServerPorts> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) ports.add(new ServerPorts(free.get(3 * i), free.get(3 * i + 1), free.get(3 * i + 2)));
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(dir, ports);
        Runtime.getRuntime().addShutdownHook(ensemble.shutdownHook);
        try {
            for (int id = 1; id <= size; id++) ensemble.launch(id);
            ensemble.awaitServing(within);
            return ensemble;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ensemble.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:clientPort} of server {@code index} (0-based), for a session that stays on it. */
    public String connectString(int index) {
        return "127.0.0.1:" + ports.get(index).client();
    }

    public int size() {
        return ports.size();
    }

    /** The pids of the server processes, in server order. */
    public List<Long> pids() {
        return servers.stream().map(Process::pid).toList();
    }

    private void launch(int id) throws IOException {
        Path serverDir = dir.resolve("server-" + id);
        Path dataDir = serverDir.resolve("data");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
        Path cfg = serverDir.resolve("zoo.cfg");
        Files.writeString(cfg, ZooCfg.render(id, dataDir, ports), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", Classpath.forReplicas(), MAIN, cfg.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serverDir.resolve("server.log").toFile()))
                .start();
        servers.add(p);
        LOG.info("zookeeper server {} started: pid {}, client port {}", id, p.pid(), ports.get(id - 1).client());
    }

    /** Waits until each server, asked directly, takes a session and answers a create and a read. */
    private void awaitServing(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (int i = 0; i < ports.size(); i++) {
            Exception last = null;
            while (true) {
                checkAlive();
                try {
                    probe(i);
                    break;
                } catch (IOException | KeeperException e) {
                    last = e;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("zookeeper server " + (i + 1) + " did not serve within " + within
                            + " (last error: " + last + "); its log is " + dir.resolve("server-" + (i + 1)).resolve("server.log"));
                }
                Thread.sleep(200); // the quorum is still electing a leader
            }
        }
        LOG.info("zookeeper ensemble of {} serving", ports.size());
    }

    private void probe(int index) throws IOException, KeeperException, InterruptedException {
        ZooKeeper zk = Sessions.open(connectString(index), PROBE_CONNECT);
        try {
            String path = "/kvbench-ready-" + (index + 1);
            byte[] data = "ready".getBytes(StandardCharsets.US_ASCII);
            try {
                zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                // a previous probe's create went through
            }
            zk.getData(path, false, null);
        } finally {
            Sessions.close(zk);
        }
    }

    private void checkAlive() {
        for (int i = 0; i < servers.size(); i++) {
            Process p = servers.get(i);
            if (!p.isAlive()) {
                throw new IllegalStateException("zookeeper server " + (i + 1) + " (pid " + p.pid() + ") exited with "
                        + p.exitValue() + "; its log is " + dir.resolve("server-" + (i + 1)).resolve("server.log"));
            }
        }
    }

    /** Stops every server: SIGTERM, then SIGKILL after ten seconds. */
    @Override
    public void close() {
        for (Process p : servers) p.destroy();
        for (Process p : servers) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the hook
        }
        if (!servers.isEmpty()) LOG.info("zookeeper ensemble stopped (pids {})", pids());
    }

    private void destroyAll() {
        for (Process p : servers) p.destroyForcibly();
    }
}
