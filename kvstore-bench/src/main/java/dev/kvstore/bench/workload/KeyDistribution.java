package dev.kvstore.bench.workload;

/** How a benchmark worker picks keys. */
public enum KeyDistribution {
    /** Every key equally likely. */
    UNIFORM,
    /** Key 0 most popular, then key 1, and so on, with probability falling as a power of the rank. */
    ZIPFIAN
}
