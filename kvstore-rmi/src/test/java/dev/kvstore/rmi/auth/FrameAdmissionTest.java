package dev.kvstore.rmi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.protocol.Abort;
import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.PeerBatch;
import dev.kvstore.api.protocol.PeerReply;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A frame's credential is checked over the body's bytes before anything is decoded from them. */
class FrameAdmissionTest {
    private static final ClusterSecret SECRET = ClusterSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final ClusterSecret GUESS = ClusterSecret.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    private static final ReplicaId SENDER = new ReplicaId("127.0.0.1", 1111);
    private static final PeerBatch BATCH = new PeerBatch(SENDER, List.of(new Abort(new TxId("1111-ab-1"))));

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final CallAuthenticator sender = new CallAuthenticator(SECRET, "replica 127.0.0.1:1111", Duration.ofSeconds(30), clock::get);
    private final CallAuthenticator receiver = new CallAuthenticator(SECRET, "replica 127.0.0.1:2222", Duration.ofSeconds(30), clock::get);

    @Test
    void aFrameSignedByAMemberIsAdmittedAndDecoded() throws Exception {
        byte[] body = Frames.body(BATCH);

        PeerBatch admitted = FrameAdmission.open("deliver", Frames.request(sender.signBody("deliver", body), body), receiver, Frames::peerBatch);

        assertThat(admitted).isEqualTo(BATCH);
    }

    @Test
    void aFrameSignedWithAnotherSecretIsRefused() {
        CallAuthenticator intruder = new CallAuthenticator(GUESS, "replica 127.0.0.1:1111", Duration.ofSeconds(30), clock::get);
        byte[] body = Frames.body(BATCH);

        assertThatThrownBy(() -> FrameAdmission.open("deliver", Frames.request(intruder.signBody("deliver", body), body), receiver, Frames::peerBatch))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("not valid");
    }

    @Test
    void aBodyChangedAfterSigningIsRefusedBeforeItIsDecoded() {
        byte[] body = Frames.body(BATCH);
        String frame = Frames.request(sender.signBody("deliver", body), body);
        // the last byte belongs to the transaction id: still a well-formed batch, for another transaction
        char[] chars = frame.toCharArray();
        chars[chars.length - 1]++;

        assertThatThrownBy(() -> FrameAdmission.open("deliver", new String(chars), receiver, Frames::peerBatch))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("not valid");
    }

    @Test
    void aCredentialForOneMethodIsRefusedOnAnother() {
        byte[] body = Frames.body(BATCH);

        assertThatThrownBy(() -> FrameAdmission.open("decide", Frames.request(sender.signBody("deliver", body), body), receiver, Frames::peerBatch))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aFrameThatCannotBeOpenedIsRefusedAsMalformed() {
        for (String frame : new String[] {null, "", "\u00ff\u00ff\u00ff\u00ff", "\u0005abc", "no credential here"}) {
            assertThatThrownBy(() -> FrameAdmission.open("deliver", frame, receiver, Frames::peerBatch))
                    .as(String.valueOf(frame))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("malformed");
        }
    }

    @Test
    void aSignedBodyOfTheWrongKindIsRefusedAsMalformed() {
        byte[] reply = Frames.reply(new PeerReply(List.of(Vote.yes()))).getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> FrameAdmission.open("deliver", Frames.request(sender.signBody("deliver", reply), reply), receiver, Frames::peerBatch))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("malformed body");
    }
}
