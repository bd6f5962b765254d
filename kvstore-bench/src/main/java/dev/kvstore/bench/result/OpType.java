package dev.kvstore.bench.result;

/** The two operations a benchmark worker issues. */
public enum OpType {
    /** KVStore {@code get}, ZooKeeper {@code getData}. */
    GET,
    /** KVStore {@code put}, ZooKeeper {@code setData}. */
    PUT
}
