package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * The coordinator's committed store and view.
 *
 * @param lastSeq the highest durable sequence number
 * @param digest the same digest a replica reports: equal stores have equal digests
 */
public record ClusterStatus(long lastSeq, long keyCount, String digest, View view) implements Serializable {
    public ClusterStatus {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(view, "view");
    }
}
