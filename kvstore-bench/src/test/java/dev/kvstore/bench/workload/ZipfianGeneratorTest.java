package dev.kvstore.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ZipfianGeneratorTest {
    private static final long SEED = 42; // printed by the assertions' descriptions on failure
    private static final int DRAWS = 200_000;

    private static int[] histogram(ZipfianGenerator zipf, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[zipf.keys()];
        for (int i = 0; i < DRAWS; i++) counts[zipf.next(random)]++;
        return counts;
    }

    @Test
    void topRankIsTheMostFrequentKey() {
        int[] counts = histogram(new ZipfianGenerator(1000, 0.99), SEED);

        int max = IntStream.of(counts).max().orElseThrow();
        assertThat(counts[0]).as("seed %d", SEED).isEqualTo(max);
    }

    @Test
    void frequencyFallsWithRank() {
        int[] counts = histogram(new ZipfianGenerator(1000, 0.99), SEED);

        assertThat(counts[0]).as("seed %d", SEED).isGreaterThan(counts[1]);
        assertThat(counts[1]).isGreaterThan(counts[10]);
        assertThat(counts[10]).isGreaterThan(counts[100]);
        // rank 0 against rank 9 is about 10^0.99, nowhere near the 1:1 of a uniform draw
        assertThat((double) counts[0] / counts[9]).isGreaterThan(5.0);
    }

    @Test
    void skewIsFarFromUniform() {
        int[] counts = histogram(new ZipfianGenerator(1000, 0.99), SEED);

        int top10 = IntStream.range(0, 10).map(i -> counts[i]).sum();
        assertThat((double) top10 / DRAWS).as("share of the 10 hottest of 1000 keys").isGreaterThan(0.25);
    }

    @Test
    void sameSeedGivesTheSameSequence() {
        ZipfianGenerator zipf = new ZipfianGenerator(500, 0.8);
        SplittableRandom a = new SplittableRandom(SEED);
        SplittableRandom b = new SplittableRandom(SEED);

        int[] first = IntStream.range(0, 1000).map(i -> zipf.next(a)).toArray();
        int[] second = IntStream.range(0, 1000).map(i -> zipf.next(b)).toArray();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void everyDrawIsAKeyIndex() {
        for (int keys : new int[] {1, 2, 3, 10, 12_345}) {
            int[] counts = histogram(new ZipfianGenerator(keys, 0.99), SEED);
            assertThat(IntStream.of(counts).sum()).as("%d keys", keys).isEqualTo(DRAWS);
        }
    }

    @Test
    void aSingleKeyIsAlwaysChosen() {
        ZipfianGenerator zipf = new ZipfianGenerator(1, 0.5);
        SplittableRandom random = new SplittableRandom(SEED);

        assertThat(IntStream.range(0, 100).map(i -> zipf.next(random))).containsOnly(0);
    }

    @Test
    void rejectsThetaOutsideTheOpenUnitInterval() {
        assertThatThrownBy(() -> new ZipfianGenerator(10, 1.0)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> new ZipfianGenerator(10, 0)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> new ZipfianGenerator(0, 0.5)).hasMessageContaining("keys must be at least 1");
    }

    @Test
    void uniformChooserSpreadsOverEveryKey() {
        KeyChooser uniform = KeyChooser.uniform(10);
        SplittableRandom random = new SplittableRandom(SEED);
        int[] counts = new int[10];
        for (int i = 0; i < 10_000; i++) counts[uniform.next(random)]++;

        assertThat(IntStream.of(counts).boxed()).allSatisfy(c -> assertThat(c).isBetween(800, 1200));
    }
}
