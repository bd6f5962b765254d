package dev.kvstore.server.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TxIdsTest {
    private static final ReplicaId SELF = new ReplicaId("localhost", 1111);

    @Test
    void idsOfOneProposerAreDistinct() {
        TxIds ids = new TxIds(SELF, 0x1234L);
        Set<TxId> seen = new HashSet<>();

        for (int i = 0; i < 1000; i++) seen.add(ids.next());

        assertThat(seen).hasSize(1000);
    }

    @Test
    void idsNameThePortAndTheIncarnationSoRestartsDoNotReuseThem() {
        TxId before = new TxIds(SELF, 0xaL).next();
        TxId after = new TxIds(SELF, 0xbL).next();
        TxId otherReplica = new TxIds(new ReplicaId("localhost", 2222), 0xaL).next();

        assertThat(before.value()).startsWith("1111-a-");
        assertThat(after).isNotEqualTo(before);
        assertThat(otherReplica).isNotEqualTo(before);
    }
}
