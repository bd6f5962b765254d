package dev.kvstore.server.store;

/** A key's current value and the seq of the commit that wrote it; a null value is a tombstone. */
public record Versioned(String value, long seq) {
    public boolean isTombstone() {
        return value == null;
    }
}
