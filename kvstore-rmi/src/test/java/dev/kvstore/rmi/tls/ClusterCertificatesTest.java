package dev.kvstore.rmi.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What bin/kvstore-certs makes. docs/security.md, "Turning TLS on". */
@Timeout(120)
class ClusterCertificatesTest {
    private static final int DNS = 2;
    private static final int IP = 7;

    @TempDir
    Path dir;

    @Test
    void theNodeCertificateIsSignedByTheCaAndNamesLoopbackAndTheGivenHosts() throws Exception {
        ClusterCertificates.Issued certs = TestCertificates.cluster();
        X509Certificate ca = (X509Certificate) load(certs.truststore(), certs).getCertificate("kvstore-ca");
        Certificate[] chain = load(certs.nodeKeystore(), certs).getCertificateChain("kvstore");
        X509Certificate node = (X509Certificate) chain[0];

        assertThat(chain).hasSize(2);
        node.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(node.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(node.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(node.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS, "localhost"), List.of(IP, "127.0.0.1"), List.of(DNS, TestCertificates.EXTRA_HOST));
        assertThat(node.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    }

    @Test
    void theClientCertificateIsSignedByTheCaForClientsOnly() throws Exception {
        ClusterCertificates.Issued certs = TestCertificates.cluster();
        X509Certificate ca = (X509Certificate) load(certs.truststore(), certs).getCertificate("kvstore-ca");
        X509Certificate client = (X509Certificate) load(certs.clientKeystore(), certs).getCertificate("kvstore");

        client.verify(ca.getPublicKey());
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void secretsAndKeysAreReadableByTheOwnerOnly() throws Exception {
        ClusterCertificates.Issued certs = TestCertificates.cluster();

        for (Path secret : List.of(certs.passwordFile(), certs.caPasswordFile(), certs.caKeystore(), certs.nodeKeystore(), certs.clientKeystore())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString()).isEqualTo("rw-------");
        }
        assertThat(Files.readString(certs.passwordFile()).strip()).isNotEqualTo(Files.readString(certs.caPasswordFile()).strip());
    }

    @Test
    void aDirectoryThatAlreadyHoldsCertificatesIsLeftAlone() throws Exception {
        Files.writeString(dir.resolve("ca.p12"), "an operator's CA");

        assertThatThrownBy(() -> ClusterCertificates.generate(dir, List.of(), 1)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(dir.resolve("ca.p12"))).isEqualTo("an operator's CA");
    }

    @Test
    void aHostThatIsNoNameIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> ClusterCertificates.generate(dir, List.of("bad host,dns:evil"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir).isEmptyDirectory();
    }

    private static KeyStore load(Path file, ClusterCertificates.Issued certs) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, Files.readAllLines(certs.passwordFile()).get(0).toCharArray());
        }
        return store;
    }
}
