package dev.kvstore.bench.workload;

import java.util.random.RandomGenerator;

/**
 * Zipfian key ranks by the method of Gray et al., "Quickly generating billion-record synthetic
 * databases" (SIGMOD 1994), as YCSB uses it: rank {@code i} (from 0) is drawn with probability
 * proportional to {@code 1 / (i + 1)^theta}. Rank 0 is the hottest key; ranks are not scrambled.
 * Immutable and thread-safe: the randomness comes from the caller.
 */
public final class ZipfianGenerator implements KeyChooser {
    /** YCSB's default skew. */
    public static final double DEFAULT_THETA = 0.99;

    private final int keys;
    private final double theta;
    private final double zetaN;
    private final double alpha;
    private final double eta;
    private final double secondThreshold;

    /** A generator over {@code keys} ranks with skew {@code theta}, which must lie strictly between 0 and 1. */
    public ZipfianGenerator(int keys, double theta) {
        if (keys < 1) throw new IllegalArgumentException("keys must be at least 1, got " + keys);
        if (!(theta > 0 && theta < 1)) {
            throw new IllegalArgumentException("zipfian theta must lie strictly between 0 and 1, got " + theta);
        }
        this.keys = keys;
        this.theta = theta;
        this.zetaN = zeta(keys, theta); // O(keys), once: workers share this instance
        double zeta2 = zeta(Math.min(2, keys), theta);
        this.alpha = 1.0 / (1.0 - theta);
        this.eta = keys <= 2 ? 0 : (1 - Math.pow(2.0 / keys, 1 - theta)) / (1 - zeta2 / zetaN);
        this.secondThreshold = 1 + Math.pow(0.5, theta);
    }

    @Override
    public int next(RandomGenerator random) {
        double u = random.nextDouble();
        double uz = u * zetaN;
        if (uz < 1.0) return 0;
        if (uz < secondThreshold || keys <= 2) return Math.min(1, keys - 1);
        long rank = (long) (keys * Math.pow(eta * u - eta + 1, alpha));
        return (int) Math.min(rank, keys - 1L); // rounding at u close to 1 can reach keys
    }

    @Override
    public int keys() {
        return keys;
    }

    public double theta() {
        return theta;
    }

    private static double zeta(int n, double theta) {
        double sum = 0;
        for (int i = 1; i <= n; i++) sum += 1.0 / Math.pow(i, theta);
        return sum;
    }
}
