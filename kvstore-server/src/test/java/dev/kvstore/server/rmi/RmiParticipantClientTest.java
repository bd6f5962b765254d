package dev.kvstore.server.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import dev.kvstore.server.FakeClock;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.txn.PrepareResult;
import dev.kvstore.server.txn.RequestLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fan-out prepares here first and spares the peers a transaction that is already doomed here. */
@Timeout(30)
class RmiParticipantClientTest {
    private static final ReplicaId SELF = new ReplicaId("127.0.0.1", 1111);
    /** Nothing listens on port 1: a call to this peer fails at once, so the test sees whether one was made. */
    private static final ReplicaId UNREACHABLE_PEER = new ReplicaId("127.0.0.1", 1);
    private static final long EPOCH = 3;

    private final ReplicaNode node = new ReplicaNode(SELF, RequestLimits.DEFAULT, new FakeClock(), Duration.ofSeconds(5));
    private final RemoteCalls calls = new RemoteCalls(Duration.ofSeconds(2), "test-call");
    private final CallAuthenticator auth = new CallAuthenticator(
            ClusterSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), "replica " + SELF);
    private RmiParticipantClient participants;

    @BeforeEach
    void joinTheView() {
        node.becomeCatchingUp();
        node.becomeUp(new View(EPOCH, List.of(
                new MemberStatus(SELF, ReplicaState.UP, 0, -1), new MemberStatus(UNREACHABLE_PEER, ReplicaState.UP, 0, -1))));
        participants = new RmiParticipantClient(node, calls, auth);
    }

    @AfterEach
    void close() {
        participants.close();
        calls.close();
    }

    @Test
    void aKeyHeldHereAbortsWithTheLocalVoteAloneAndNoPeerIsAsked() {
        node.prepare(prepare("holder", "k"));

        Prepare delete = new Prepare(new TxId("1111-ab-late"), SELF, EPOCH, List.of(Write.delete("k")));
        Map<ReplicaId, PrepareResult> results = participants.prepareAll(Set.of(SELF, UNREACHABLE_PEER), delete).join();

        assertThat(results).containsOnlyKeys(SELF);
        assertThat(((PrepareResult.Voted) results.get(SELF)).vote().commit()).isFalse();
    }

    @Test
    void aFreeKeyHereIsPreparedOnEveryPeerToo() {
        node.prepare(prepare("holder", "other-key"));

        Map<ReplicaId, PrepareResult> results = participants.prepareAll(Set.of(SELF, UNREACHABLE_PEER), prepare("next", "k")).join();

        assertThat(results).containsOnlyKeys(SELF, UNREACHABLE_PEER);
        assertThat(((PrepareResult.Voted) results.get(SELF)).vote().commit()).isTrue();
        assertThat(results.get(UNREACHABLE_PEER)).isInstanceOf(PrepareResult.Absent.class);
    }

    @Test
    void aPeerThatTakesTheCallButNeverAnswersIsAbsentOnceTheDeadlinePasses() throws Exception {
        // The peer's registry answers, so the lookup is quick and only the vote round's deadline ends the wait.
        try (HeldPeer held = new HeldPeer(Duration.ofSeconds(2));
                RemoteCalls shortCalls = new RemoteCalls(Duration.ofSeconds(1), "test-short-call");
                RmiParticipantClient impatient = new RmiParticipantClient(node, shortCalls, auth)) {
            ReplicaId heldPeer = new ReplicaId(HeldPeer.HOST, held.port());

            Map<ReplicaId, PrepareResult> results =
                    impatient.prepareAll(Set.of(SELF, heldPeer), prepare("late", "k")).get(10, TimeUnit.SECONDS);

            assertThat(results.get(SELF)).isInstanceOf(PrepareResult.Voted.class);
            assertThat(results.get(heldPeer)).isInstanceOfSatisfying(PrepareResult.Absent.class,
                    absent -> assertThat(absent.reason()).contains("no vote within 1000 ms"));
        }
    }

    @Test
    void aWriteForAPeerThatCannotBeLookedUpIsDeclinedAsNeverSent() throws Exception {
        ForwardReply reply = participants.forward(UNREACHABLE_PEER, List.of(Write.put("k", "v"))).get(10, TimeUnit.SECONDS);

        assertThat(reply.declined()).isTrue();
        assertThat(reply.reason()).contains("could not be looked up");
    }

    private static Prepare prepare(String tx, String key) {
        return new Prepare(new TxId("1111-ab-" + tx), SELF, EPOCH, List.of(Write.put(key, "v")));
    }
}
