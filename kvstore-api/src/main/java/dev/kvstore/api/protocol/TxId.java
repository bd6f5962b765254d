package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/** A transaction's id, unique across the cluster and across restarts of its proposer. */
public record TxId(String value) implements Serializable {
    public static final int MAX_LENGTH = 128;

    public TxId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a tx id has 1 to " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
