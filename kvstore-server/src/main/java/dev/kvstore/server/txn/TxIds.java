package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes transaction ids unique across the cluster and across restarts: the proposer's port, a
 * random incarnation drawn at start-up, and a counter. Thread-safe.
 */
public final class TxIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public TxIds(ReplicaId self, long incarnation) {
        this.prefix = self.port() + "-" + Long.toHexString(incarnation) + "-";
    }

    public TxId next() {
        return new TxId(prefix + counter.incrementAndGet());
    }
}
