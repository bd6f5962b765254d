package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/** One key of a snapshot with the seq that last wrote it; {@code value} is null for a tombstone. */
public record SnapshotEntry(String key, String value, long seq) implements Serializable {
    public SnapshotEntry {
        Objects.requireNonNull(key, "key");
    }
}
