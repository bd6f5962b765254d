package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;

/**
 * One page of the coordinator's committed store, in key order.
 *
 * <p>Pages are read from the live store, so a page may hold entries newer than an earlier page's
 * {@code durableSeq}. A replica that loads every page and then applies every decision after the
 * first page's {@code durableSeq} holds the committed store, because applying is versioned.
 *
 * @param durableSeq every decision up to this seq was in the store when the page was read
 * @param last whether this is the final page
 */
public record SnapshotChunk(List<SnapshotEntry> entries, long durableSeq, boolean last) implements Serializable {
    public SnapshotChunk {
        entries = List.copyOf(entries);
    }

    /** The key to pass to read the next page. */
    public String lastKey() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1).key();
    }
}
