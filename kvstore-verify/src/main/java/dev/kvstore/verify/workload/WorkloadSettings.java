package dev.kvstore.verify.workload;

/**
 * What the clients do: {@code clients} threads over {@code keys} keys, each issuing about
 * {@code opsPerSecondPerClient} operations a second, {@code maxOps} in all at most. Immutable.
 */
public record WorkloadSettings(int clients, int keys, double opsPerSecondPerClient, long maxOps, long seed) {
    public WorkloadSettings {
        if (clients < 1) throw new IllegalArgumentException("at least one client: " + clients);
        if (keys < 1) throw new IllegalArgumentException("at least one key: " + keys);
        if (!(opsPerSecondPerClient > 0)) throw new IllegalArgumentException("a positive rate: " + opsPerSecondPerClient);
        if (maxOps < 1) throw new IllegalArgumentException("at least one operation: " + maxOps);
    }

    /** The name of key {@code i}. */
    public static String key(int i) {
        return "k" + i;
    }
}
