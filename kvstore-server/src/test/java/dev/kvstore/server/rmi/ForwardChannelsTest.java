package dev.kvstore.server.rmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.ForwardBatch;
import dev.kvstore.api.protocol.ForwardBatchReply;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import dev.kvstore.server.FakeClock;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.txn.RequestLimits;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import java.rmi.server.ExportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Forwarded writes travel batched, over real RMI on loopback, with a few calls under way at once. */
@Timeout(30)
class ForwardChannelsTest {
    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ReplicaId SELF = new ReplicaId(HOST, 1111);
    private static final ClusterSecret SECRET = ClusterSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    static {
        RmiSettings.install(TIMEOUT, HOST, SerialFilters.DEFAULT_MAX_BYTES);
    }

    private final ReplicaNode node = new ReplicaNode(SELF, RequestLimits.DEFAULT, new FakeClock(), Duration.ofSeconds(5));
    private final RemoteCalls calls = new RemoteCalls(TIMEOUT, "test-call");
    private final HeldLeader leader = new HeldLeader();
    private RmiEndpoint endpoint;
    private RmiParticipantClient participants;

    @BeforeEach
    void startTheLeader() throws Exception {
        endpoint = openEndpoint();
        endpoint.bind(Participant.NAME, leader);
        node.becomeCatchingUp();
        node.becomeUp(new View(1, List.of(new MemberStatus(SELF, ReplicaState.UP, 0, -1))));
        participants = new RmiParticipantClient(node, calls, new CallAuthenticator(SECRET, "replica " + SELF));
    }

    @AfterEach
    void stop() {
        leader.release.countDown();
        participants.close();
        calls.close();
        endpoint.close();
    }

    @Test
    void forwardsRunSeveralCallsAtOnceAndThoseMadeMeanwhileShareTheNextCalls() throws Exception {
        ReplicaId target = new ReplicaId(HOST, endpoint.port());
        int channels = RmiParticipantClient.FORWARD_CHANNELS;
        List<String> keys = new ArrayList<>();
        List<CompletableFuture<ForwardReply>> replies = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            keys.add("first-" + i);
            replies.add(participants.forward(target, List.of(Write.put("first-" + i, "v"))));
        }
        // Every one of them is under way at once, alone in its call.
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.batches.size() == channels);
        assertThat(leader.batches).allSatisfy(batch -> assertThat(batch).hasSize(1));

        for (int i = 0; i < 2 * channels + 1; i++) {
            keys.add("later-" + i);
            replies.add(participants.forward(target, List.of(Write.put("later-" + i, "v"))));
        }
        leader.release.countDown();

        for (int i = 0; i < replies.size(); i++) {
            assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(HeldLeader.answerTo(keys.get(i)));
        }
        List<List<List<Write>>> later = leader.batches.subList(channels, leader.batches.size());
        assertThat(later).hasSizeLessThanOrEqualTo(channels).anySatisfy(batch -> assertThat(batch).hasSizeGreaterThan(1));
        assertThat(later.stream().mapToInt(List::size).sum()).isEqualTo(2 * channels + 1);
    }

    /** A leader that holds every forward call until released, then answers each write with an abort naming its key. */
    private static final class HeldLeader implements Participant {
        final List<List<List<Write>>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        static ForwardReply answerTo(String key) {
            return ForwardReply.aborted(key, "the answer for " + key);
        }

        @Override
        public String deliver(String frame) {
            throw new UnsupportedOperationException("only forwards here");
        }

        @Override
        public String forward(String frame) throws RemoteException {
            ForwardBatch batch;
            try {
                batch = Frames.forwardBatch(Frames.openRequest(frame).body());
                batches.add(batch.writes());
                if (!release.await(10, TimeUnit.SECONDS)) throw new RemoteException("never released");
            } catch (InvalidObjectException | InterruptedException e) {
                throw new RemoteException("cannot answer", e);
            }
            return Frames.reply(new ForwardBatchReply(batch.writes().stream().map(write -> answerTo(write.get(0).key())).toList()));
        }
    }

    private static RmiEndpoint openEndpoint() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = probe.getLocalPort();
                probe.close();
                return RmiEndpoint.open(port, HOST, TIMEOUT, SerialFilters.DEFAULT_MAX_BYTES);
            } catch (ExportException e) {
                if (attempt == 5) throw e;
            }
        }
    }
}
