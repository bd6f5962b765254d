package dev.kvstore.verify.history;

/** The three single-key operations the workload issues; their JSON names are lower case. */
public enum OpType {
    GET,
    PUT,
    DELETE;

    /** Whether the operation may change the store. */
    public boolean isWrite() {
        return this != GET;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
