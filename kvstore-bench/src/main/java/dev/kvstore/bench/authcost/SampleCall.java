package dev.kvstore.bench.authcost;

import dev.kvstore.api.protocol.Commit;
import dev.kvstore.api.protocol.DecideBatch;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.PeerBatch;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import java.util.List;
import java.util.Set;

/**
 * One kind of signed peer or coordinator call, with a body shaped like that of a real write: the
 * method name and the body bytes that {@code CallAuthenticator.signBody} and {@code admitBody}
 * are given (the bytes the call carries, see {@link Frames}).
 *
 * @param label how the result table names it
 */
public record SampleCall(String label, String method, byte[] body) {
    /** The proposer of the sample transaction, at the first default replica port. */
    static final ReplicaId PROPOSER = new ReplicaId("127.0.0.1", 1111);

    public SampleCall {
        if (label == null || method == null) throw new IllegalArgumentException("a sample call needs a label and a method");
        body = body.clone();
    }

    /**
     * The calls of one single-key write of {@code valueSize} bytes on a five-replica cluster, as
     * the proposer signs them when it is the only one writing: a batch of one prepare (to each
     * peer), a batch of one decide (to the coordinator), a batch of one commit (to each peer).
     * Under load one call carries many of each, and its cost is shared.
     */
    static List<SampleCall> ofOneWrite(int valueSize) {
        // Shaped like TxIds makes them: proposer port, incarnation, counter.
        TxId txId = new TxId(PROPOSER.port() + "-5f3a9c2e1b7d4a60-4242");
        List<Write> writes = List.of(Write.put("k42", "v".repeat(valueSize)));
        Set<ReplicaId> replicas = Set.of(PROPOSER, new ReplicaId("127.0.0.1", 2222), new ReplicaId("127.0.0.1", 3333),
                new ReplicaId("127.0.0.1", 4444), new ReplicaId("127.0.0.1", 5555));
        PeerBatch prepare = new PeerBatch(PROPOSER, List.of(new Prepare(txId, PROPOSER, 3, writes)));
        DecideBatch decide = new DecideBatch(List.of(new DecideRequest(txId, PROPOSER, replicas, Set.of(), writes)));
        PeerBatch commit = new PeerBatch(PROPOSER, List.of(new Commit(txId, 123_456)));
        return List.of(
                new SampleCall("prepare (1 write of " + valueSize + " B)", "deliver", Frames.body(prepare)),
                new SampleCall("decide (5 participants, 1 write)", "decide", Frames.body(decide)),
                new SampleCall("commit", "deliver", Frames.body(commit)));
    }
}
