package dev.kvstore.rmi.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The certificate tool behind {@code bin/kvstore-certs}: a cluster CA, node and client keystores
 * signed by it, a trust store with the CA, and a password file, all PKCS12. Keys are EC P-256.
 * It uses only the JDK (keytool and {@code java.security}), so the script runs this file from
 * source with nothing but a JDK, and tests call {@link #generate} to make the same certificates.
 * Not thread-safe: one run writes one directory.
 */
public final class ClusterCertificates {
    /** Always in every node certificate's SAN: the cluster listens on loopback by default. */
    public static final List<String> DEFAULT_HOSTS = List.of("localhost", "127.0.0.1");

    private static final int CA_VALIDITY_DAYS = 3650;
    private static final int LEAF_VALIDITY_DAYS = 825;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:*-]+");
    private static final String USAGE = "Usage: kvstore-certs DIR [--hosts HOST,...] [--nodes N]\n"
            + "Makes a cluster CA, N node keystores (default 1) whose certificates name localhost, 127.0.0.1 and HOSTs,\n"
            + "a client keystore, a trust store and a password file in DIR (docs/security.md).";
    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");

    /**
     * What {@link #generate} made. Nodes and clients need the trust store, the password file and
     * their own keystore; the CA's keystore and its password stay with the operator.
     */
    public record Issued(Path dir, Path caKeystore, Path caPasswordFile, Path caCertificate, Path truststore,
            List<Path> nodeKeystores, Path clientKeystore, Path passwordFile) {
        public Issued {
            nodeKeystores = List.copyOf(nodeKeystores);
        }

        /** The first node keystore: the coordinator and the replicas it starts share it. */
        public Path nodeKeystore() {
            return nodeKeystores.get(0);
        }
    }

    private final Path dir;
    private final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");

    private ClusterCertificates(Path dir) {
        this.dir = dir;
    }

    /** {@code ClusterCertificates DIR [--hosts H1,H2] [--nodes N]}; exit 2 on a usage error, 1 on a failure. */
    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        try {
            Arguments parsed = Arguments.parse(args);
            print(generate(parsed.dir, parsed.hosts, parsed.nodes), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("kvstore-certs: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("kvstore-certs: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(130);
        }
    }

    /**
     * Makes a new CA and everything signed by it in {@code dir}, which may exist but must not hold
     * any of these files already. Every node certificate names {@link #DEFAULT_HOSTS} plus
     * {@code hosts} in its SAN, as clients check it against the host they connect to.
     */
    public static Issued generate(Path dir, List<String> hosts, int nodes) throws IOException, InterruptedException {
        if (nodes < 1) throw new IllegalArgumentException("--nodes is at least 1: " + nodes);
        String san = subjectAlternativeNames(hosts);
        Path absolute = dir.toAbsolutePath().normalize();
        List<Path> nodeKeystores = new ArrayList<>();
        for (int n = 1; n <= nodes; n++) nodeKeystores.add(absolute.resolve("node-" + n + ".p12"));
        Issued issued = new Issued(absolute, absolute.resolve("ca.p12"), absolute.resolve("ca-password"),
                absolute.resolve("ca.pem"), absolute.resolve("truststore.p12"), nodeKeystores,
                absolute.resolve("client.p12"), absolute.resolve("store-password"));
        new ClusterCertificates(absolute).write(issued, san);
        return issued;
    }

    private void write(Issued issued, String san) throws IOException, InterruptedException {
        createPrivateDirectory(dir);
        for (Path file : outputs(issued)) {
            if (Files.exists(file)) throw new FileAlreadyExistsException(file + " exists; choose an empty directory");
        }
        writeSecret(issued.caPasswordFile(), newPassword());
        writeSecret(issued.passwordFile(), newPassword());

        keytool(null, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=KVStore cluster CA " + Instant.now().truncatedTo(ChronoUnit.SECONDS),
                "-ext", "bc:c", "-ext", "KeyUsage:c=keyCertSign,cRLSign", "-validity", Integer.toString(CA_VALIDITY_DAYS),
                "-storetype", "PKCS12", "-keystore", issued.caKeystore().toString(),
                "-storepass:file", issued.caPasswordFile().toString());
        ownerOnly(issued.caKeystore());
        Certificate ca = readCaCertificate(issued);
        String caPem = pem(ca);
        Files.writeString(issued.caCertificate(), caPem, StandardCharsets.US_ASCII);
        writeTruststore(issued, ca);

        for (int n = 0; n < issued.nodeKeystores().size(); n++) {
            issue(issued, caPem, issued.nodeKeystores().get(n), "CN=kvstore-node-" + (n + 1),
                    "-ext", "SAN=" + san, "-ext", "KeyUsage:c=digitalSignature", "-ext", "EKU=serverAuth,clientAuth");
        }
        issue(issued, caPem, issued.clientKeystore(), "CN=kvstore-client", "-ext", "KeyUsage:c=digitalSignature", "-ext", "EKU=clientAuth");
    }

    /** A key pair in {@code keystore}, its certificate signed by the CA with {@code extensions}, the chain installed. */
    private void issue(Issued issued, String caPem, Path keystore, String subject, String... extensions)
            throws IOException, InterruptedException {
        String alias = "kvstore";
        String storePassword = issued.passwordFile().toString();
        keytool(null, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-validity", Integer.toString(LEAF_VALIDITY_DAYS), "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass:file", storePassword);
        String request = keytool(null, "-certreq", "-alias", alias, "-keystore", keystore.toString(), "-storepass:file", storePassword);
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", issued.caKeystore().toString(),
                "-storepass:file", issued.caPasswordFile().toString(), "-validity", Integer.toString(LEAF_VALIDITY_DAYS)));
        sign.addAll(List.of(extensions));
        String certificate = keytool(request, sign.toArray(String[]::new));
        // The reply carries the whole chain, so the keystore needs no separate trusted entry for the CA.
        keytool(certificate + caPem, "-importcert", "-noprompt", "-alias", alias, "-keystore", keystore.toString(),
                "-storepass:file", storePassword);
        ownerOnly(keystore); // a private key, if an encrypted one
    }

    private static Certificate readCaCertificate(Issued issued) throws IOException {
        try (InputStream in = Files.newInputStream(issued.caKeystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password(issued.caPasswordFile()));
            return store.getCertificate("ca");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read " + issued.caKeystore() + ": " + e.getMessage(), e);
        }
    }

    private static String pem(Certificate certificate) throws IOException {
        try {
            Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            return "-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the CA certificate: " + e.getMessage(), e);
        }
    }

    private static void writeTruststore(Issued issued, Certificate ca) throws IOException {
        char[] password = password(issued.passwordFile());
        try (OutputStream out = Files.newOutputStream(issued.truststore())) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, password);
            trust.setCertificateEntry("kvstore-ca", ca);
            trust.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + issued.truststore() + ": " + e.getMessage(), e);
        }
    }

    /** Runs keytool with {@code stdin} (or none) and returns what it printed; passwords go by file, never on its command line. */
    private String keytool(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("kvstore-certs", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.US_ASCII));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            process.getInputStream().transferTo(out);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): "
                        + (out.toString(StandardCharsets.UTF_8) + Files.readString(errors)).strip());
            }
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static String subjectAlternativeNames(List<String> hosts) {
        Set<String> all = new LinkedHashSet<>(DEFAULT_HOSTS);
        for (String host : hosts) {
            String trimmed = host.strip();
            if (trimmed.isEmpty()) continue;
            if (!HOST.matcher(trimmed).matches()) throw new IllegalArgumentException("not a host name or IP address: '" + host + "'");
            all.add(trimmed);
        }
        List<String> names = new ArrayList<>();
        for (String host : all) names.add((IP.matcher(host).matches() ? "ip:" : "dns:") + host);
        return String.join(",", names);
    }

    private static List<Path> outputs(Issued issued) {
        List<Path> files = new ArrayList<>(List.of(issued.caKeystore(), issued.caPasswordFile(), issued.caCertificate(),
                issued.truststore(), issued.clientKeystore(), issued.passwordFile()));
        files.addAll(issued.nodeKeystores());
        return files;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /** Writes {@code secret} and a newline to a new file only its owner may read. */
    private static void writeSecret(Path file, String secret) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the directory's own protection has to do
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static char[] password(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.US_ASCII).get(0).toCharArray();
    }

    /** Says what was made and the flags that use it. */
    static void print(Issued issued, PrintStream out) {
        Path d = issued.dir();
        String stores = " --truststore " + issued.truststore() + " --store-password-file " + issued.passwordFile();
        out.println("Made a cluster CA and its certificates in " + d + ":");
        out.println("  ca.p12, ca-password   the CA's key and its password: keep them off the cluster's machines");
        out.println("  ca.pem                the CA certificate");
        out.println("  truststore.p12        trusts the CA: every process needs it");
        for (Path node : issued.nodeKeystores()) {
            out.println("  " + pad(node.getFileName().toString()) + "a node certificate (coordinator and replicas, client and server)");
        }
        out.println("  client.p12            a client certificate (kvstore-client and tools)");
        out.println("  store-password        the password of every store but ca.p12 (mode 600)");
        out.println();
        out.println("Flags (each process reads the password from the file, or from KVSTORE_STORE_PASSWORD):");
        out.println("  bin/kvstore-coordinator --tls --keystore " + issued.nodeKeystore() + stores);
        out.println("  bin/kvstore-client --tls --keystore " + issued.clientKeystore() + stores);
        out.println("The coordinator passes its flags on to the replicas it starts; give a replica started by hand the same flags.");
    }

    private static String pad(String name) {
        return String.format("%-22s", name);
    }

    /** The tool's command line. */
    private record Arguments(Path dir, List<String> hosts, int nodes) {
        static Arguments parse(String[] args) {
            Path dir = null;
            List<String> hosts = List.of();
            int nodes = 1;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--hosts" -> hosts = List.of(value(args, ++i, "--hosts").split(","));
                    case "--nodes" -> nodes = parseCount(value(args, ++i, "--nodes"));
                    default -> {
                        if (args[i].startsWith("-")) throw new IllegalArgumentException("unknown option " + args[i]);
                        if (dir != null) throw new IllegalArgumentException("one DIR only, got " + dir + " and " + args[i]);
                        dir = Path.of(args[i]);
                    }
                }
            }
            if (dir == null) throw new IllegalArgumentException("give the directory to write to");
            return new Arguments(dir, hosts, nodes);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
            return args[i];
        }

        private static int parseCount(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--nodes takes a number: " + value);
            }
        }
    }
}
