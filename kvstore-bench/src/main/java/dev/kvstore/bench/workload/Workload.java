package dev.kvstore.bench.workload;

import java.util.SplittableRandom;

/**
 * What every worker of a run does, apart from the read ratio: how many keys, how they are chosen,
 * the size of the values written, and the seed that makes the choices repeatable. Immutable.
 */
public record Workload(int keys, int valueSize, KeyDistribution distribution, double zipfTheta, long seed) {
    /** ZooKeeper refuses znodes of 1 MB and more (jute.maxbuffer); stay well under it. */
    public static final int MAX_VALUE_SIZE = 512 * 1024;

    public Workload {
        if (keys < 1) throw new IllegalArgumentException("keys must be at least 1, got " + keys);
        if (valueSize < 1 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("value size must be between 1 and " + MAX_VALUE_SIZE + " bytes, got " + valueSize);
        }
        if (distribution == null) throw new IllegalArgumentException("a key distribution is required");
        if (distribution == KeyDistribution.ZIPFIAN && !(zipfTheta > 0 && zipfTheta < 1)) {
            throw new IllegalArgumentException("zipfian theta must lie strictly between 0 and 1, got " + zipfTheta);
        }
    }

    /** The key chooser this workload describes; build it once and share it between workers. */
    public KeyChooser chooser() {
        return KeyChooser.of(distribution, keys, zipfTheta);
    }

    /** The value every write stores: {@link #valueSize} printable ASCII characters (so as many UTF-8 bytes), from the seed. */
    public String value() {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder value = new StringBuilder(valueSize);
        for (int i = 0; i < valueSize; i++) value.append((char) ('a' + random.nextInt(26)));
        return value.toString();
    }

    /** The seed of worker {@code worker}'s random choices: distinct per worker, fixed per run seed. */
    public long workerSeed(int worker) {
        return seed * 0x9E3779B97F4A7C15L + worker;
    }
}
