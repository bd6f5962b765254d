package dev.kvstore.verify.linear;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configurations a search has explored, keyed by the acknowledged operations linearized and the
 * state. Which unknown writes were used is kept beside the key, because using fewer of them leaves
 * strictly more choices: a configuration that used a superset of an explored one's unknown writes
 * (same acknowledged set, same state) can lead nowhere the explored one could not, and is skipped.
 * Not thread-safe; owned by one search.
 */
final class SearchMemo {
    /** The unknown writes a configuration used: read-value puts by index, and how many of each interchangeable chain. */
    record UnknownUsed(BitSet readValuePuts, int unreadPuts, int deletes) {
        boolean noMoreThan(UnknownUsed other) {
            if (unreadPuts > other.unreadPuts || deletes > other.deletes) return false;
            BitSet extra = (BitSet) readValuePuts.clone();
            extra.andNot(other.readValuePuts);
            return extra.isEmpty();
        }
    }

    private final Map<LinearizedSet, List<UnknownUsed>> explored = new HashMap<>();
    private int size;

    /** Records the configuration and returns true, or returns false when it or one that dominates it was explored. */
    boolean firstVisit(BitSet acknowledgedLinearized, RegisterState state, BitSet readValuePuts, int unreadPuts, int deletes) {
        List<UnknownUsed> variants = explored.computeIfAbsent(LinearizedSet.of(acknowledgedLinearized, state), k -> new ArrayList<>(1));
        UnknownUsed used = new UnknownUsed((BitSet) readValuePuts.clone(), unreadPuts, deletes);
        for (UnknownUsed seen : variants) {
            if (seen.noMoreThan(used)) return false;
        }
        variants.removeIf(used::noMoreThan);
        variants.add(used);
        size++;
        return true;
    }

    /** Configurations recorded. */
    int size() {
        return size;
    }
}
