package dev.kvstore.server.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import dev.kvstore.server.FakeClock;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.txn.RequestLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Forwarded writes travel batched, over real RMI on loopback, with a few calls under way at once. */
@Timeout(30)
class ForwardChannelsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ReplicaId SELF = new ReplicaId(HeldPeer.HOST, 1111);
    private static final ClusterSecret SECRET = ClusterSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    private final ReplicaNode node = new ReplicaNode(SELF, RequestLimits.DEFAULT, new FakeClock(), Duration.ofSeconds(5));
    private final RemoteCalls calls = new RemoteCalls(TIMEOUT, "test-call");
    private HeldPeer leader;
    private RmiParticipantClient participants;

    @BeforeEach
    void startTheLeader() throws Exception {
        leader = new HeldPeer(TIMEOUT);
        node.becomeCatchingUp();
        node.becomeUp(new View(1, List.of(new MemberStatus(SELF, ReplicaState.UP, 0, -1))));
        participants = new RmiParticipantClient(node, calls, new CallAuthenticator(SECRET, "replica " + SELF));
    }

    @AfterEach
    void stop() {
        participants.close();
        calls.close();
        leader.close();
    }

    @Test
    void forwardsRunSeveralCallsAtOnceAndThoseMadeMeanwhileShareTheNextCalls() throws Exception {
        ReplicaId target = new ReplicaId(HeldPeer.HOST, leader.port());
        int channels = RmiParticipantClient.FORWARD_CHANNELS;
        List<String> keys = new ArrayList<>();
        List<CompletableFuture<ForwardReply>> replies = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            keys.add("first-" + i);
            replies.add(participants.forward(target, List.of(Write.put("first-" + i, "v"))));
        }
        // Every one of them is under way at once, alone in its call.
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.forwardBatches.size() == channels);
        assertThat(leader.forwardBatches).allSatisfy(batch -> assertThat(batch).hasSize(1));

        for (int i = 0; i < 2 * channels + 1; i++) {
            keys.add("later-" + i);
            replies.add(participants.forward(target, List.of(Write.put("later-" + i, "v"))));
        }
        leader.release();

        for (int i = 0; i < replies.size(); i++) {
            assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(HeldPeer.answerTo(keys.get(i)));
        }
        List<List<List<Write>>> later = leader.forwardBatches.subList(channels, leader.forwardBatches.size());
        assertThat(later).hasSizeLessThanOrEqualTo(channels).anySatisfy(batch -> assertThat(batch).hasSizeGreaterThan(1));
        assertThat(later.stream().mapToInt(List::size).sum()).isEqualTo(2 * channels + 1);
    }

}
