package dev.kvstore.bench.zookeeper;

import dev.kvstore.bench.load.BenchClient;
import dev.kvstore.bench.load.BenchTarget;
import dev.kvstore.bench.load.FailureLog;
import dev.kvstore.bench.load.Preloader;
import dev.kvstore.bench.workload.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A five-server ZooKeeper ensemble as a benchmark target: started by this tool and stopped on
 * {@link #close()}. Keys are the znodes {@code /kvbench/k0..kN}; every worker has its own session,
 * and sessions are spread round-robin over the servers. Thread-safe.
 */
public final class ZooKeeperTarget implements BenchTarget {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperTarget.class);
    static final String ROOT = "/kvbench";
    private static final int SERVERS = 5;
    private static final Duration START_WITHIN = Duration.ofSeconds(90);
    private static final Duration CONNECT_WITHIN = Duration.ofSeconds(30);
    private static final int PRELOAD_THREADS = 8;
    private static final Duration PRELOAD_RETRY_FOR = Duration.ofSeconds(60);

    private final ZooKeeperEnsemble ensemble;
    private final Workload workload;
    private final String[] paths;
    private final byte[] value;
    private final FailureLog failures = new FailureLog("zookeeper");

    private ZooKeeperTarget(ZooKeeperEnsemble ensemble, Workload workload) {
        this.ensemble = ensemble;
        this.workload = workload;
        this.paths = new String[workload.keys()];
        for (int i = 0; i < paths.length; i++) paths[i] = ROOT + "/k" + i;
        this.value = workload.value().getBytes(StandardCharsets.UTF_8);
    }

    /** Starts a five-server ensemble under {@code dir} and waits until every server serves. */
    public static ZooKeeperTarget start(Path dir, Workload workload) throws IOException, InterruptedException {
        LOG.info("starting a {}-server ZooKeeper ensemble in {}", SERVERS, dir);
        return new ZooKeeperTarget(ZooKeeperEnsemble.start(dir, SERVERS, START_WITHIN), workload);
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    /** Always plain: the tool starts ZooKeeper without TLS. */
    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public void preload() throws Exception {
        ZooKeeper root = Sessions.open(ensemble.connectString(0), CONNECT_WITHIN);
        try {
            createOrSet(root, ROOT, new byte[0]);
        } finally {
            Sessions.close(root);
        }
        Preloader.load(paths.length, PRELOAD_THREADS, thread -> {
            ZooKeeper zk = Sessions.open(ensemble.connectString(thread % ensemble.size()), CONNECT_WITHIN);
            return new Preloader.KeyWriter() {
                @Override
                public void write(int key) throws Exception {
                    createOrSet(zk, paths[key], value);
                }

                @Override
                public void close() {
                    Sessions.close(zk);
                }
            };
        });
        LOG.info("zookeeper: preloaded {} znodes of {} bytes", paths.length, workload.valueSize());
    }

    /** Creates {@code path}, or sets it if it exists; retries a lost connection for a while (the client reconnects). */
    private static void createOrSet(ZooKeeper zk, String path, byte[] data) throws KeeperException, InterruptedException {
        long deadline = System.nanoTime() + PRELOAD_RETRY_FOR.toNanos();
        while (true) {
            try {
                try {
                    zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } catch (KeeperException.NodeExistsException e) {
                    zk.setData(path, data, -1);
                }
                return;
            } catch (KeeperException.ConnectionLossException e) {
                if (System.nanoTime() - deadline > 0) throw e;
            }
        }
    }

    @Override
    public BenchClient open(int worker) throws IOException, InterruptedException {
        ZooKeeper session = Sessions.open(ensemble.connectString(worker % ensemble.size()), CONNECT_WITHIN);
        return new ZooKeeperBenchClient(session, paths, value, failures);
    }

    @Override
    public void close() {
        ensemble.close();
    }
}
