package dev.kvstore.bench.zookeeper;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/** Opens ZooKeeper client sessions and waits until they are connected. Stateless. */
final class Sessions {
    /** ZooKeeper clamps it to 2..20 ticks (4-40 s with the default tick). */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

    private Sessions() {}

    /**
     * A session to {@code connectString} (one server, so the session stays there), connected
     * within {@code within}; otherwise it is closed and an {@link IOException} says why.
     */
    static ZooKeeper open(String connectString, Duration within) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false"); // no JAAS here: skip the attempt
        ZooKeeper zk = new ZooKeeper(connectString, (int) SESSION_TIMEOUT.toMillis(), event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
        }, config);
        if (!connected.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IOException("no ZooKeeper session to " + connectString + " within " + within.toMillis() + " ms");
        }
        return zk;
    }

    /** Closes {@code zk}; an interrupt is kept for the caller to see. */
    static void close(ZooKeeper zk) {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
