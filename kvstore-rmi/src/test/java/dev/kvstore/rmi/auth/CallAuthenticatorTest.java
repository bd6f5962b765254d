package dev.kvstore.rmi.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Credential;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Write;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallAuthenticatorTest {
    private static final ClusterSecret SECRET = ClusterSecret.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final ClusterSecret OTHER = ClusterSecret.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    private static final TxId TX = new TxId("1111-ab-1");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final CallAuthenticator replica = new CallAuthenticator(SECRET, "replica 127.0.0.1:1111", Duration.ofSeconds(30), clock::get);
    private final CallAuthenticator peer = new CallAuthenticator(SECRET, "replica 127.0.0.1:2222", Duration.ofSeconds(30), clock::get);

    @TempDir
    Path dir;

    @Test
    void aCredentialSignedWithTheClusterSecretIsAccepted() {
        Credential credential = replica.sign("commit", TX, 42L);

        assertThatCode(() -> peer.verify("commit", credential, TX, 42L)).doesNotThrowAnyException();
    }

    @Test
    void aCredentialFromAnotherSecretIsRefused() {
        Credential forged = new CallAuthenticator(OTHER, "intruder").sign("commit", TX, 42L);

        assertThatThrownBy(() -> peer.verify("commit", forged, TX, 42L))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("not valid for this cluster");
    }

    @Test
    void noCredentialIsRefused() {
        assertThatThrownBy(() -> peer.verify("commit", null, TX, 42L))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("no credential");
    }

    @Test
    void aCredentialCannotBeMovedToOtherArgumentsOrAnotherMethod() {
        Credential credential = replica.sign("commit", TX, 42L);

        assertThatThrownBy(() -> peer.verify("commit", credential, TX, 43L)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> peer.verify("abort", credential, TX)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> peer.verify("commit", credential, new TxId("other"), 42L)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aCallerCannotClaimAnotherName() {
        Credential credential = replica.sign("commit", TX, 42L);
        Credential renamed = new Credential("coordinator", credential.issuedAtMillis(), credential.nonce(), credential.mac());

        assertThatThrownBy(() -> peer.verify("commit", renamed, TX, 42L)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aReplayedCredentialIsRefusedTheSecondTime() throws AuthenticationException {
        Credential credential = replica.sign("commit", TX, 42L);
        peer.verify("commit", credential, TX, 42L);

        assertThatThrownBy(() -> peer.verify("commit", credential, TX, 42L))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("replays");
    }

    @Test
    void aCredentialOutsideTheTimeWindowIsRefused() {
        Credential old = replica.sign("commit", TX, 42L);
        clock.addAndGet(Duration.ofSeconds(31).toMillis());

        assertThatThrownBy(() -> peer.verify("commit", old, TX, 42L))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("window");
    }

    @Test
    void setArgumentsSignTheSameWhateverTheirIterationOrder() {
        ReplicaId a = new ReplicaId("127.0.0.1", 1111);
        ReplicaId b = new ReplicaId("127.0.0.1", 2222);
        Set<ReplicaId> ab = new LinkedHashSet<>(List.of(a, b));
        Set<ReplicaId> ba = new LinkedHashSet<>(List.of(b, a));
        DecideRequest signed = new DecideRequest(TX, a, ab, Set.of(), List.of(Write.put("k", "v")));
        DecideRequest received = new DecideRequest(TX, a, ba, Set.of(), List.of(Write.put("k", "v")));

        assertThatCode(() -> peer.verify("decide", replica.sign("decide", signed), received)).doesNotThrowAnyException();
    }

    @Test
    void differentArgumentListsNeverEncodeAlike() {
        assertThat(Canonical.encode("ab", "c")).isNotEqualTo(Canonical.encode("a", "bc"));
        assertThat(Canonical.encode(1L, 2L)).isNotEqualTo(Canonical.encode(12L));
        assertThat(Canonical.encode((Object) null)).isNotEqualTo(Canonical.encode(""));
    }

    @Test
    void theSecretFileIsCreatedOnceAndReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve(ClusterSecret.FILE_NAME);
        ClusterSecret created = ClusterSecret.loadOrCreate(file);
        ClusterSecret again = ClusterSecret.loadOrCreate(file);

        assertThat(again.key()).isEqualTo(created.key()).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aMalformedSecretFileIsAnErrorNamingIt() throws Exception {
        Path file = dir.resolve("bad.secret");
        Files.writeString(file, "not hex at all");

        assertThatThrownBy(() -> ClusterSecret.load(file)).hasMessageContaining(file.toString());
    }
}
