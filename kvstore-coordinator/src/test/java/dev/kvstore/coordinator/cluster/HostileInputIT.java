package dev.kvstore.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.protocol.Abort;
import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.ClusterStatus;
import dev.kvstore.api.protocol.Commit;
import dev.kvstore.api.protocol.Coordinator;
import dev.kvstore.api.protocol.Credential;
import dev.kvstore.api.protocol.DecideBatch;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.PeerBatch;
import dev.kvstore.api.protocol.PeerMessage;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.coordinator.local.LocalCluster;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.rmi.RemoteException;
import java.rmi.server.RemoteObject;
import java.rmi.server.RemoteRef;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an outsider who can reach the ports can and cannot do: forged and replayed protocol
 * calls are refused and change nothing; objects outside the allow-list, oversized calls and
 * random bytes are rejected; every process keeps serving.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileInputIT {
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(1);

    static {
        RmiSettings.install(RPC_TIMEOUT.multipliedBy(5), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
    }

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    private static LocalCluster cluster;
    private static final RemoteCalls calls = new RemoteCalls(Duration.ofSeconds(5), "hostile-test");
    private static final CallAuthenticator intruder = new CallAuthenticator(
            ClusterSecret.of("an intruder's guess at the secret".getBytes(StandardCharsets.UTF_8)), "replica 127.0.0.1:1111");

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(dataDir, 5, RPC_TIMEOUT, Duration.ofSeconds(60));
        cluster.replica(cluster.replicaPorts().get(0)).put("k", "original");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
        calls.close();
    }

    @Test
    void forgedPrepareCommitAndAbortAreRefusedAndChangeNothing() throws Exception {
        ClusterStatus before = cluster.coordinatorStatus();
        Participant victim = participant(cluster.replicaPorts().get(1));
        TxId tx = new TxId("forged-1");
        Prepare prepare = new Prepare(tx, new ReplicaId("127.0.0.1", cluster.replicaPorts().get(0)), 0,
                List.of(Write.put("k", "forged")));

        ReplicaId sender = prepare.proposer();
        for (PeerMessage forged : List.of(prepare, new Commit(tx, 999_999), new Abort(tx))) {
            byte[] body = Frames.body(new PeerBatch(sender, List.of(forged)));
            assertThatThrownBy(() -> victim.deliver(Frames.request(intruder.signBody("deliver", body), body)))
                    .as(forged.toString())
                    .isInstanceOf(AuthenticationException.class);
            // no credential at all: the bare body, or nothing
            String bare = new String(body, StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> victim.deliver(bare)).isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> victim.deliver(null)).isInstanceOf(AuthenticationException.class);
        }

        assertStoresUnchanged(before);
        // the key is not locked by the forged prepare: a real write goes through
        cluster.replica(cluster.replicaPorts().get(1)).put("k", "original");
    }

    @Test
    void forgedDecideIsRefusedAndAssignsNoSeq() throws Exception {
        ClusterStatus before = cluster.coordinatorStatus();
        Coordinator coordinator = coordinator();
        ReplicaId proposer = new ReplicaId("127.0.0.1", cluster.replicaPorts().get(0));
        Set<ReplicaId> all = new java.util.HashSet<>();
        for (int port : cluster.replicaPorts()) all.add(new ReplicaId("127.0.0.1", port));
        DecideBatch decide = new DecideBatch(List.of(
                new DecideRequest(new TxId("forged-2"), proposer, all, Set.of(), List.of(Write.put("k", "forged")))));

        byte[] body = Frames.body(decide);
        assertThatThrownBy(() -> coordinator.decide(Frames.request(intruder.signBody("decide", body), body)))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> coordinator.decide(null)).isInstanceOf(AuthenticationException.class);

        assertStoresUnchanged(before);
    }

    @Test
    void anAuthenticCredentialReplayedIsRefused() throws Exception {
        CallAuthenticator member = cluster.authenticator();
        Coordinator coordinator = coordinator();
        Credential status = member.sign("status");
        coordinator.status(status);
        assertThatThrownBy(() -> coordinator.status(status))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("replays");

        Participant peer = participant(cluster.replicaPorts().get(2));
        ReplicaId sender = new ReplicaId("127.0.0.1", cluster.replicaPorts().get(0));
        byte[] abort = Frames.body(new PeerBatch(sender, List.of(new Abort(new TxId("never-prepared")))));
        String frame = Frames.request(member.signBody("deliver", abort), abort);
        peer.deliver(frame);
        assertThatThrownBy(() -> peer.deliver(frame)).isInstanceOf(AuthenticationException.class);
        // and it cannot be moved onto another body either
        byte[] other = Frames.body(new PeerBatch(sender, List.of(new Abort(new TxId("another")))));
        assertThatThrownBy(() -> peer.deliver(Frames.request(member.signBody("deliver", abort), other)))
                .isInstanceOf(AuthenticationException.class);
        // nor onto the other method
        assertThatThrownBy(() -> coordinator.decide(Frames.request(member.signBody("deliver", abort), abort)))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void anObjectWhereAFrameIsExpectedIsRefusedBeforeItIsCreatedAndTheReplicaKeepsServing() throws Exception {
        int port = cluster.replicaPorts().get(3);
        Participant peer = participant(port);
        // What an attacker does: put any object where the method takes its frame, at the wire level.
        Method deliver = Participant.class.getMethod("deliver", String.class);
        RemoteRef ref = ((RemoteObject) Proxy.getInvocationHandler(peer)).getRef();

        // The replica's stream refuses it by its type code, before creating it, and says so.
        assertThatThrownBy(() -> ref.invoke(peer, deliver, new Object[] {new java.util.Date()}, rmiMethodHash(deliver)))
                .isInstanceOf(ClassCastException.class)
                .hasMessageContaining(NOT_A_STRING);

        flushDroppedConnection(() -> peer.deliver(null));
        assertThat(cluster.replica(port).get("k")).isEqualTo("original");
    }

    @Test
    void everyExportedObjectRejectsAnObjectOutsideTheAllowList() throws Exception {
        int port = cluster.replicaPorts().get(2);
        Coordinator coordinator = coordinator();
        // String parameters (KVStore's, and the frames of deliver and decide): the JDK refuses any
        // other object where a string is expected before creating it. Every record-typed
        // parameter goes through the filter.
        // The string cases come last. Their refusal leaves the rest of the object unread on the
        // connection, so the server drops it; the JDK's client, seeing a runtime exception, pools
        // it all the same (see flushDroppedConnection).
        Object[][] targets = {
            {coordinator, Coordinator.class.getMethod("status", Credential.class), new Object[] {new java.util.Date()}, "REJECTED"},
            {coordinator, Coordinator.class.getMethod("outcome", TxId.class, Credential.class),
                new Object[] {new java.util.HashMap<String, String>(), null}, "REJECTED"},
            {participant(port), Participant.class.getMethod("deliver", String.class),
                new Object[] {new java.util.HashMap<String, String>()}, NOT_A_STRING},
            {coordinator, Coordinator.class.getMethod("decide", String.class),
                new Object[] {new java.util.ArrayList<String>()}, NOT_A_STRING},
        };
        for (Object[] target : targets) {
            java.rmi.Remote stub = (java.rmi.Remote) target[0];
            Method method = (Method) target[1];
            RemoteRef ref = ((RemoteObject) Proxy.getInvocationHandler(stub)).getRef();
            assertThatThrownBy(() -> ref.invoke(stub, method, (Object[]) target[2], rmiMethodHash(method)))
                    .as(method.toString())
                    .hasStackTraceContaining((String) target[3]);
        }
        flushDroppedConnection(() -> participant(port).deliver(null));
        flushDroppedConnection(() -> coordinator.status(null));
        everyProcessServes();
    }

    /**
     * Makes one throwaway call to an endpoint whose pooled connection the server dropped: it fails
     * with EOF (or is refused, if it got a fresh connection), and the client discards the dead
     * connection, so that later calls from this JVM measure the server, not its stale pool.
     */
    private static void flushDroppedConnection(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfAny(RemoteException.class, AuthenticationException.class);
    }

    /** What the JDK answers when an object arrives where a string parameter is expected. */
    private static final String NOT_A_STRING = "Cannot cast an object to java.lang.String";

    /** RMI's method hash: the first 8 bytes, little-endian, of SHA-1 over the name and descriptor in modified UTF-8. */
    private static long rmiMethodHash(Method method) throws Exception {
        StringBuilder descriptor = new StringBuilder(method.getName()).append('(');
        for (Class<?> p : method.getParameterTypes()) descriptor.append(p.descriptorString());
        descriptor.append(')').append(method.getReturnType().descriptorString());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        new java.io.DataOutputStream(bytes).writeUTF(descriptor.toString());
        byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(bytes.toByteArray());
        long hash = 0;
        for (int i = 0; i < Math.min(8, sha.length); i++) hash += (long) (sha[i] & 0xff) << (i * 8);
        return hash;
    }

    @Test
    void oversizedCallsAreRejectedBeforeTheyAreReadAndEveryProcessKeepsServing() throws Exception {
        String huge = "x".repeat(8 * 1024 * 1024);
        for (int port : cluster.replicaPorts()) {
            KVStore kv = cluster.replica(port);
            assertThatThrownBy(() -> kv.put("big", huge)).isInstanceOf(RemoteException.class);
        }
        Registry registry = LocateRegistry.getRegistry("127.0.0.1", cluster.coordinatorPort());
        assertThatThrownBy(() -> registry.lookup(huge)).isInstanceOf(RemoteException.class);

        String justOverTheValueLimit = "x".repeat(1024 * 1024 + 1);
        assertThatThrownBy(() -> cluster.replica(cluster.replicaPorts().get(0)).put("big", justOverTheValueLimit))
                .isInstanceOf(InvalidRequestException.class);
        everyProcessServes();
    }

    @Test
    void randomAndTruncatedBytesOnEveryPortNeverStopAProcess() throws Exception {
        Random random = new Random(20261124);
        List<Integer> ports = new ArrayList<>(cluster.replicaPorts());
        ports.add(cluster.coordinatorPort());
        byte[] rmiHeader = {'J', 'R', 'M', 'I', 0, 2, 0x4b};
        for (int port : ports) {
            for (int round = 0; round < 20; round++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    socket.setSoTimeout(1000);
                    OutputStream out = socket.getOutputStream();
                    if (round % 2 == 0) out.write(rmiHeader); // a valid start, then garbage
                    byte[] garbage = new byte[random.nextInt(4096) + 1];
                    random.nextBytes(garbage);
                    out.write(garbage, 0, round % 3 == 0 ? garbage.length / 2 : garbage.length);
                    out.flush();
                } catch (java.io.IOException dropped) {
                    // the server may close on us: that is a fine answer to garbage
                }
            }
        }
        everyProcessServes();
    }

    private static void everyProcessServes() throws Exception {
        cluster.coordinatorStatus();
        int writer = cluster.replicaPorts().get(4);
        cluster.replica(writer).put("after", "still serving");
        for (int port : cluster.replicaPorts()) assertThat(cluster.replica(port).get("after")).isEqualTo("still serving");
        cluster.awaitConverged(Duration.ofSeconds(30));
    }

    private static void assertStoresUnchanged(ClusterStatus before) throws Exception {
        ClusterStatus after = cluster.coordinatorStatus();
        assertThat(after.lastSeq()).isEqualTo(before.lastSeq());
        assertThat(after.digest()).isEqualTo(before.digest());
        for (int port : cluster.replicaPorts()) {
            assertThat(cluster.replica(port).get("k")).isEqualTo("original");
            assertThat(cluster.replicaStatus(port).digest()).isEqualTo(before.digest());
        }
    }

    private static Participant participant(int port) throws Exception {
        return RmiEndpoint.lookup(calls, "127.0.0.1", port, Participant.NAME, Participant.class);
    }

    private static Coordinator coordinator() throws Exception {
        return RmiEndpoint.lookup(calls, "127.0.0.1", cluster.coordinatorPort(), Coordinator.NAME, Coordinator.class);
    }
}
