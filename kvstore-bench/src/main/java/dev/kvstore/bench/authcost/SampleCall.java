package dev.kvstore.bench.authcost;

import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import java.util.List;
import java.util.Set;

/**
 * One kind of signed peer or coordinator call, with arguments shaped like those of a real write:
 * the method name and arguments that {@code CallAuthenticator.sign} and {@code admit} are given.
 *
 * @param label how the result table names it
 */
public record SampleCall(String label, String method, List<Object> args) {
    /** The proposer of the sample transaction, at the first default replica port. */
    static final ReplicaId PROPOSER = new ReplicaId("127.0.0.1", 1111);

    public SampleCall {
        if (label == null || method == null) throw new IllegalArgumentException("a sample call needs a label and a method");
        args = List.copyOf(args);
    }

    /**
     * The calls of one single-key write of {@code valueSize} bytes on a five-replica cluster, as
     * the proposer signs them: prepare (to each peer), decide (to the coordinator), commit (to
     * each peer).
     */
    static List<SampleCall> ofOneWrite(int valueSize) {
        // Shaped like TxIds makes them: proposer port, incarnation, counter.
        TxId txId = new TxId(PROPOSER.port() + "-5f3a9c2e1b7d4a60-4242");
        List<Write> writes = List.of(Write.put("k42", "v".repeat(valueSize)));
        Set<ReplicaId> replicas = Set.of(PROPOSER, new ReplicaId("127.0.0.1", 2222), new ReplicaId("127.0.0.1", 3333),
                new ReplicaId("127.0.0.1", 4444), new ReplicaId("127.0.0.1", 5555));
        Prepare prepare = new Prepare(txId, PROPOSER, 3, writes);
        DecideRequest decide = new DecideRequest(txId, PROPOSER, replicas, Set.of(), writes);
        long seq = 123_456;
        return List.of(
                new SampleCall("prepare (1 write of " + valueSize + " B)", "prepare", List.of(prepare)),
                new SampleCall("decide (5 participants, 1 write)", "decide", List.of(decide)),
                new SampleCall("commit", "commit", List.of(txId, seq)));
    }
}
