package dev.kvstore.bench.workload;

import java.util.random.RandomGenerator;

/**
 * Picks the next key index in {@code [0, keys)} from a caller's random source. Implementations are
 * immutable and safe to share between threads; each thread brings its own seeded generator, so a
 * run is repeatable per thread.
 */
public interface KeyChooser {

    /** The next key index, in {@code [0, keys())}. */
    int next(RandomGenerator random);

    /** How many keys there are. */
    int keys();

    /** Every key equally likely. */
    static KeyChooser uniform(int keys) {
        if (keys < 1) throw new IllegalArgumentException("keys must be at least 1, got " + keys);
        return new KeyChooser() {
            @Override
            public int next(RandomGenerator random) {
                return random.nextInt(keys);
            }

            @Override
            public int keys() {
                return keys;
            }
        };
    }

    /** The chooser for {@code distribution}; {@code theta} is used only by {@link KeyDistribution#ZIPFIAN}. */
    static KeyChooser of(KeyDistribution distribution, int keys, double theta) {
        return switch (distribution) {
            case UNIFORM -> uniform(keys);
            case ZIPFIAN -> new ZipfianGenerator(keys, theta);
        };
    }
}
