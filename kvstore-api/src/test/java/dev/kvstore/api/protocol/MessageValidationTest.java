package dev.kvstore.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.ReplicaState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages check themselves when built, and so when deserialized: a bad one never reaches the protocol. */
class MessageValidationTest {
    private static final TxId TX = new TxId("t-1");
    private static final ReplicaId R1 = new ReplicaId("127.0.0.1", 1111);

    @Test
    void aPrepareWritesAtLeastOneKeyAndEachKeyOnce() {
        assertThatThrownBy(() -> new Prepare(TX, R1, 1, List.of())).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> new Prepare(TX, R1, 1, List.of(Write.put("k", "a"), Write.delete("k"))))
                .hasMessageContaining("each key once");
    }

    @Test
    void aPrepareCopiesItsWrites() {
        List<Write> writes = new ArrayList<>(List.of(Write.put("k", "v")));
        Prepare prepare = new Prepare(TX, R1, 1, writes);
        writes.add(Write.put("other", "v"));

        assertThat(prepare.writes()).containsExactly(Write.put("k", "v"));
    }

    @Test
    void replicaIdsParseAndRejectWhatIsNotHostColonPort() {
        assertThat(ReplicaId.parse("127.0.0.1:1111")).isEqualTo(R1);
        assertThat(R1.toString()).isEqualTo("127.0.0.1:1111");
        assertThatThrownBy(() -> ReplicaId.parse("nowhere")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> ReplicaId.parse("h:99999")).hasMessageContaining("port out of range");
    }

    @Test
    void onlyAnUpReplicaIsGrantedALease() {
        assertThatThrownBy(() -> new HeartbeatReply(ReplicaState.DOWN, View.EMPTY, 1000)).hasMessageContaining("UP");
        assertThat(new HeartbeatReply(ReplicaState.UP, View.EMPTY, 1000).leaseMillis()).isEqualTo(1000);
    }

    @Test
    void theViewNamesItsUpReplicas() {
        View view = new View(7, List.of(
                new MemberStatus(R1, ReplicaState.UP, 3, 10),
                new MemberStatus(new ReplicaId("127.0.0.1", 2222), ReplicaState.DOWN, 1, 11)));

        assertThat(view.up()).containsExactly(R1);
        assertThat(view.stateOf(new ReplicaId("127.0.0.1", 3333))).isEqualTo(ReplicaState.DOWN);
    }
}
