package dev.kvstore.server.rmi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.rmi.CallTimedOutException;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A decide always comes to an end: with a seq, a refusal, or a failure that leaves its outcome unknown. */
@Timeout(30)
class RmiCoordinatorClientTest {
    private static final ReplicaId SELF = new ReplicaId("127.0.0.1", 1111);
    private final CallAuthenticator auth = new CallAuthenticator(
            ClusterSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)), "replica " + SELF);

    @Test
    void aDecideToACoordinatorThatNeverAnswersFailsAsTimedOutAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                RemoteCalls calls = new RemoteCalls(Duration.ofMillis(300), "test-call")) {
            RmiCoordinatorClient coordinator = new RmiCoordinatorClient("127.0.0.1", silent.getLocalPort(), calls, auth);

            Throwable failure = failureOf(coordinator.decide(request()));

            assertThat(failure).isInstanceOf(CallTimedOutException.class).hasMessageContaining("did not answer within 300 ms");
        }
    }

    @Test
    void aDecideToAPortWhereNothingListensFailsRemotely() throws Exception {
        try (RemoteCalls calls = new RemoteCalls(Duration.ofSeconds(2), "test-call")) {
            RmiCoordinatorClient coordinator = new RmiCoordinatorClient("127.0.0.1", 1, calls, auth);

            assertThat(failureOf(coordinator.decide(request()))).isInstanceOf(RemoteException.class);
        }
    }

    private static Throwable failureOf(CompletableFuture<Long> decided) throws Exception {
        try {
            decided.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the decide succeeded");
    }

    private static DecideRequest request() {
        return new DecideRequest(new TxId("1111-ab-1"), SELF, Set.of(SELF), Set.of(), List.of(Write.put("k", "v")));
    }
}
