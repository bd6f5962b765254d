package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFormatterTest {
    private static final ReplicaId R1 = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId R3 = new ReplicaId("127.0.0.1", 3333);

    @Test
    void eachSimpleResultIsOneLine() {
        assertThat(ResultFormatter.lines(new Result.Ok())).containsExactly("OK");
        assertThat(ResultFormatter.lines(new Result.Value("hello world"))).containsExactly("hello world");
        assertThat(ResultFormatter.lines(new Result.NotFound())).containsExactly("(not found)");
        assertThat(ResultFormatter.lines(new Result.Connected(R3))).containsExactly("connected to 127.0.0.1:3333");
        assertThat(ResultFormatter.lines(new Result.Quit())).isEmpty();
    }

    @Test
    void failuresStartWithTheirKind() {
        assertThat(ResultFormatter.lines(new Result.Failure(ErrorKind.ABORTED, "key 'x' is locked by another transaction, retried 3 times")))
                .containsExactly("ABORTED: key 'x' is locked by another transaction, retried 3 times");
        assertThat(ResultFormatter.lines(new Result.Failure(ErrorKind.UNAVAILABLE, "replica 3333 is catching up")))
                .containsExactly("UNAVAILABLE: replica 3333 is catching up");
    }

    @Test
    void controlCharactersInAValueAreEscapedSoItStaysOnOneLine() {
        assertThat(ResultFormatter.lines(new Result.Value("a\nb\tc\u001b"))).containsExactly("a\\nb\\tc\\u001b");
        assertThat(ResultFormatter.lines(new Result.Value("ünïcödé 🚀"))).containsExactly("ünïcödé 🚀");
    }

    @Test
    void statusIsALineForTheReplicaThenOneForEachMemberInOrder() {
        ReplicaStatus status = new ReplicaStatus(R1, ReplicaState.UP, 12, 3, "ab12", 4, List.of(
                new MemberStatus(R3, ReplicaState.CATCHING_UP, 9, -1),
                new MemberStatus(R1, ReplicaState.UP, 12, 4242)));

        assertThat(ResultFormatter.lines(new Result.StatusReport(status))).containsExactly(
                "replica 127.0.0.1:1111 UP applied-seq 12 keys 3 epoch 4 digest ab12",
                "member 127.0.0.1:1111 UP applied-seq 12 pid 4242",
                "member 127.0.0.1:3333 CATCHING_UP applied-seq 9");
    }

    @Test
    void exitStatusesTellTheOutcomesApart() {
        assertThat(ExitStatus.of(new Result.Ok()).code()).isEqualTo(0);
        assertThat(ExitStatus.of(new Result.NotFound()).code()).isEqualTo(1);
        assertThat(ExitStatus.of(new Result.Failure(ErrorKind.USAGE, "x")).code()).isEqualTo(2);
        assertThat(ExitStatus.of(new Result.Failure(ErrorKind.INVALID, "x")).code()).isEqualTo(2);
        assertThat(ExitStatus.of(new Result.Failure(ErrorKind.ABORTED, "x")).code()).isEqualTo(3);
        assertThat(ExitStatus.of(new Result.Failure(ErrorKind.UNAVAILABLE, "x")).code()).isEqualTo(4);
    }
}
