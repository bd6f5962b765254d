package dev.kvstore.verify.linear;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A memo key for the search: a set of linearized operations and the state they lead to, stored
 * compactly. Operations are linearized roughly in call order, so the set is nearly always a run of
 * ones followed by a few scattered bits: only the words after the leading full ones are kept. Immutable.
 */
final class LinearizedSet {
    private final int fullWords;
    private final long[] rest;
    private final RegisterState state;
    private final int hash;

    private LinearizedSet(int fullWords, long[] rest, RegisterState state) {
        this.fullWords = fullWords;
        this.rest = rest;
        this.state = state;
        this.hash = 31 * (31 * fullWords + Arrays.hashCode(rest)) + state.hashCode();
    }

    /** A snapshot of {@code linearized} with {@code state}; {@code linearized} may change afterwards. */
    static LinearizedSet of(BitSet linearized, RegisterState state) {
        long[] words = linearized.toLongArray();
        int full = 0;
        while (full < words.length && words[full] == -1L) full++;
        return new LinearizedSet(full, Arrays.copyOfRange(words, full, words.length), state);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearizedSet other && hash == other.hash && fullWords == other.fullWords
                && state.equals(other.state) && Arrays.equals(rest, other.rest);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
