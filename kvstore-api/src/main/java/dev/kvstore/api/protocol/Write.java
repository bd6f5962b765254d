package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/** One key a transaction writes: a new value, or a delete when {@code value} is null. */
public record Write(String key, String value) implements Serializable {
    public Write {
        Objects.requireNonNull(key, "key");
    }

    public static Write put(String key, String value) {
        return new Write(key, Objects.requireNonNull(value, "value"));
    }

    public static Write delete(String key) {
        return new Write(key, null);
    }

    public boolean isDelete() {
        return value == null;
    }
}
