package dev.kvstore.bench;

import dev.kvstore.bench.kvstore.KVStoreTarget;
import dev.kvstore.bench.load.BenchTarget;
import dev.kvstore.bench.zookeeper.ZooKeeperTarget;
import java.nio.file.Path;

/** Starts or reaches the target a configuration names. Stateless. */
final class BenchTargets {
    private BenchTargets() {}

    /** The {@code kind} target for {@code config}, with anything it starts kept under {@code scratch}. */
    static BenchTarget open(TargetKind kind, BenchConfig config, Path scratch) throws Exception {
        return switch (kind) {
            case KVSTORE -> config.endpoints().isEmpty()
                    ? KVStoreTarget.startLocal(scratch.resolve("kvstore"), config.workload(), config.tls() ? scratch.resolve("certs") : null)
                    : KVStoreTarget.connect(config.endpoints(), config.workload(), config.tlsFiles());
            case ZOOKEEPER -> ZooKeeperTarget.start(scratch.resolve("zookeeper"), config.workload());
        };
    }
}
