package dev.kvstore.client.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.shell.ErrorKind;
import dev.kvstore.client.shell.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedTest {
    private static final ReplicaId R3 = new ReplicaId("127.0.0.1", 3333);

    @Test
    void aValueMatchesOnlyThatExactValue() {
        Expected value = new Expected.Value("hello world");

        assertThat(value.matches(new Result.Value("hello world"))).isTrue();
        assertThat(value.matches(new Result.Value("hello world "))).isFalse();
        assertThat(value.matches(new Result.NotFound())).isFalse();
        assertThat(value.describe()).isEqualTo("\"hello world\"");
    }

    @Test
    void okMatchesASuccessfulWriteOrConnect() {
        assertThat(new Expected.Ok().matches(new Result.Ok())).isTrue();
        assertThat(new Expected.Ok().matches(new Result.Connected(R3))).isTrue();
        assertThat(new Expected.Ok().matches(new Result.Failure(ErrorKind.ABORTED, "x"))).isFalse();
    }

    @Test
    void aFailureMatchesOnlyItsKind() {
        Expected unavailable = new Expected.Failure(ErrorKind.UNAVAILABLE);

        assertThat(unavailable.matches(new Result.Failure(ErrorKind.UNAVAILABLE, "replica 3333 is catching up"))).isTrue();
        assertThat(unavailable.matches(new Result.Failure(ErrorKind.ABORTED, "locked"))).isFalse();
        assertThat(unavailable.matches(new Result.Value("UNAVAILABLE"))).isFalse();
    }

    @Test
    void aStateMatchesTheReplicasOwnStateOrTheNamedMembers() {
        ReplicaStatus catchingUp = new ReplicaStatus(R3, ReplicaState.CATCHING_UP, 0, 0, "d", 1, List.of());
        Expected up = new Expected.State(ReplicaState.UP);

        assertThat(up.matches(new Result.StatusReport(catchingUp))).isFalse();
        assertThat(new Expected.State(ReplicaState.CATCHING_UP).matches(new Result.StatusReport(catchingUp))).isTrue();
        assertThat(up.matches(new Result.MemberReport(new MemberStatus(R3, ReplicaState.UP, 4, -1)))).isTrue();
        assertThat(up.matches(new Result.Failure(ErrorKind.UNAVAILABLE, "cannot reach"))).isFalse();
    }
}
