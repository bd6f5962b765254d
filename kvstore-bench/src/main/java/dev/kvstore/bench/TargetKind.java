package dev.kvstore.bench;

/** The systems the tool can benchmark. */
public enum TargetKind {
    /** A five-replica KVStore cluster, started by the tool or given by {@code --endpoints}. */
    KVSTORE,
    /** A five-server ZooKeeper ensemble started by the tool. */
    ZOOKEEPER
}
