package dev.kvstore.bench.load;

/**
 * One worker's connection to the system under test. Used by a single worker thread, which calls it
 * directly (no hand-off to another thread per call); not thread-safe.
 */
public interface BenchClient extends AutoCloseable {

    /** Reads key {@code key}. */
    Outcome read(int key);

    /** Writes the workload's value to key {@code key}. */
    Outcome write(int key);

    /** Releases the connection or session; never throws. */
    @Override
    void close();
}
