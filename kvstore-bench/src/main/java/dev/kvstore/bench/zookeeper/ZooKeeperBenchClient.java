package dev.kvstore.bench.zookeeper;

import dev.kvstore.bench.load.BenchClient;
import dev.kvstore.bench.load.FailureLog;
import dev.kvstore.bench.load.Outcome;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * A worker's own ZooKeeper session on one server: {@code getData} for reads, unconditional
 * {@code setData} for writes, with the synchronous API on the worker's thread. Not thread-safe.
 */
final class ZooKeeperBenchClient implements BenchClient {
    private final ZooKeeper session;
    private final String[] paths;
    private final byte[] value;
    private final FailureLog failures;

    ZooKeeperBenchClient(ZooKeeper session, String[] paths, byte[] value, FailureLog failures) {
        this.session = session;
        this.paths = paths;
        this.value = value;
        this.failures = failures;
    }

    @Override
    public Outcome read(int key) {
        try {
            session.getData(paths[key], false, null);
            return Outcome.OK;
        } catch (KeeperException e) {
            return failures.note(Outcome.ERROR, "getData", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failures.note(Outcome.ERROR, "getData", e);
        }
    }

    @Override
    public Outcome write(int key) {
        try {
            session.setData(paths[key], value, -1); // any version: a blind write, like a KVStore put
            return Outcome.OK;
        } catch (KeeperException e) {
            return failures.note(Outcome.ERROR, "setData", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failures.note(Outcome.ERROR, "setData", e);
        }
    }

    @Override
    public void close() {
        Sessions.close(session);
    }
}
