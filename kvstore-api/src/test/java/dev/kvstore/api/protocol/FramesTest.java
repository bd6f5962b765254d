package dev.kvstore.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.ReplicaState;
import java.io.InvalidObjectException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Requests and replies of the write path travel as strings of bytes and come back as the same records. */
class FramesTest {
    private static final ReplicaId A = new ReplicaId("127.0.0.1", 1111);
    private static final ReplicaId B = new ReplicaId("127.0.0.1", 2222);
    private static final TxId TX = new TxId("1111-5f3a-42");
    private static final Credential CREDENTIAL = new Credential("replica 127.0.0.1:1111", 1_790_000_000_000L, -42, "cd".repeat(32));

    @Test
    void aRequestOpensIntoItsCredentialAndTheBodyAsSigned() throws Exception {
        PeerBatch batch = new PeerBatch(A, List.of(new Prepare(TX, A, 3, List.of(Write.put("ключ", "значение ✓"), Write.delete("k")))));
        byte[] body = Frames.body(batch);

        Frames.Request request = Frames.openRequest(Frames.request(CREDENTIAL, body));

        assertThat(request.credential()).isEqualTo(CREDENTIAL);
        assertThat(request.body()).isEqualTo(body);
        assertThat(Frames.peerBatch(request.body())).isEqualTo(batch);
    }

    @Test
    void everyByteValueSurvivesTheStringForm() throws Exception {
        // a value of 300 non-ASCII chars puts bytes of every high value and a two-byte length in the body
        DecideBatch batch = new DecideBatch(List.of(new DecideRequest(TX, A, Set.of(A, B), Set.of(B), List.of(Write.put("k", "é✓\u0000".repeat(100))))));

        Frames.Request request = Frames.openRequest(Frames.request(CREDENTIAL, Frames.body(batch)));

        assertThat(Frames.decideBatch(request.body())).isEqualTo(batch);
    }

    @Test
    void repliesRoundTrip() throws Exception {
        PeerReply votes = new PeerReply(List.of(Vote.yes(), Vote.no("key 'k' is locked")));
        View view = new View(2, List.of(new MemberStatus(A, ReplicaState.UP, 5, 77)));
        DecideReply results = new DecideReply(List.of(DecideResult.committed(9), DecideResult.refused("stale", view)));

        assertThat(Frames.peerReply(Frames.reply(votes))).isEqualTo(votes);
        assertThat(Frames.decideReply(Frames.reply(results))).isEqualTo(results);
    }

    @Test
    void aForwardBatchAndEveryKindOfForwardReplyRoundTrip() throws Exception {
        ForwardBatch batch = new ForwardBatch(B,
                List.of(List.of(Write.put("ключ", "значение ✓"), Write.delete("k")), List.of(Write.delete("j"))));
        ForwardBatchReply replies = new ForwardBatchReply(List.of(ForwardReply.committed(true), ForwardReply.committed(false),
                ForwardReply.aborted(TX.value(), "key 'k' is locked"), ForwardReply.outcomeUnknown("decide timed out"),
                ForwardReply.declined("replica 1111 is catching up")));

        Frames.Request request = Frames.openRequest(Frames.request(CREDENTIAL, Frames.body(batch)));

        assertThat(Frames.forwardBatch(request.body())).isEqualTo(batch);
        assertThat(Frames.forwardBatchReply(Frames.reply(replies))).isEqualTo(replies);
    }

    @Test
    void aForwardReplyWithAnUnknownOutcomeIsMalformed() throws Exception {
        String reply = Frames.reply(new ForwardBatchReply(List.of(ForwardReply.committed(false))));
        String unknownOutcome = reply.substring(0, 2) + (char) 9 + reply.substring(3); // kind, count, then the outcome

        assertThatThrownBy(() -> Frames.forwardBatchReply(unknownOutcome))
                .isInstanceOf(InvalidObjectException.class)
                .hasMessageContaining("unknown forward outcome 9");
    }

    @Test
    void aForwardBatchWithoutWritesOrWithAnEmptyWriteIsRefused() {
        assertThatThrownBy(() -> new ForwardBatch(B, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForwardBatch(B, List.of(List.of(Write.delete("k")), List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one key");
    }

    @Test
    void aFrameWithoutAReadableCredentialIsMalformed() {
        assertThatThrownBy(() -> Frames.openRequest(null)).isInstanceOf(InvalidObjectException.class);
        assertThatThrownBy(() -> Frames.openRequest("")).isInstanceOf(InvalidObjectException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> Frames.openRequest("\u00ff\u00ff\u00ff\u00ff")).isInstanceOf(InvalidObjectException.class).hasMessageContaining("length");
        assertThatThrownBy(() -> Frames.openRequest("\u0040short")).isInstanceOf(InvalidObjectException.class).hasMessageContaining("a credential of 64 bytes");
        assertThatThrownBy(() -> Frames.openRequest("\u0003abcbody")).isInstanceOf(InvalidObjectException.class).hasMessageContaining("malformed");
    }

    @Test
    void aBodyOfAnotherKindIsMalformed() {
        byte[] reply = Frames.reply(new PeerReply(List.of(Vote.yes()))).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> Frames.peerBatch(reply)).isInstanceOf(InvalidObjectException.class).hasMessageContaining("expected a PeerBatch");
        assertThatThrownBy(() -> Frames.decideReply(Frames.reply(new PeerReply(List.of())))).isInstanceOf(InvalidObjectException.class);
    }
}
