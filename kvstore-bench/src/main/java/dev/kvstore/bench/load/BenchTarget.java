package dev.kvstore.bench.load;

/**
 * A running system to benchmark, started by the tool or reached at given addresses, bound to one
 * workload. {@link #open} may be called from several threads; {@link #close} stops whatever the
 * target started.
 */
public interface BenchTarget extends AutoCloseable {

    /** Short name for tables and files: {@code kvstore} or {@code zookeeper}. */
    String name();

    /** Whether every connection to the target, the benchmark's own included, uses TLS. */
    boolean tls();

    /** Makes every key of the workload exist with a value of the workload's size. */
    void preload() throws Exception;

    /** A client for worker {@code worker}; workers are spread round-robin over the servers. */
    BenchClient open(int worker) throws Exception;

    /** Stops what this target started; never throws. */
    @Override
    void close();
}
