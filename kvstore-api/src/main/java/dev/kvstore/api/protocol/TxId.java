package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/** A transaction's id, unique across the cluster and across restarts of its proposer. */
public record TxId(String value) implements Serializable {
    public TxId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 128) throw new IllegalArgumentException("a tx id has 1 to 128 characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
