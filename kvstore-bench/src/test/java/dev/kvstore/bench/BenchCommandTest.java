package dev.kvstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.bench.kvstore.Endpoint;
import dev.kvstore.bench.result.OutputFormat;
import dev.kvstore.bench.workload.KeyDistribution;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Argument checks: every bad command line is refused before anything starts, with a message naming the option. */
class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static BenchConfig parse(String... args) {
        BenchCommand command = new BenchCommand(new BenchRun(System.out, System.err));
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.parseArgs(args);
        return command.toConfig();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "--clients 0                          | --clients must be at least 1, got 0",
            "--read-ratio 1.5                     | --read-ratio must be between 0 and 1, got 1.5",
            "--duration 0s                        | --duration must be positive",
            "--duration soon                      | 'soon' is not a duration",
            "--keys 0                             | --keys must be at least 1",
            "--value-size 0                       | --value-size must be between 1 and",
            "--distribution zipfian --zipf-theta 1 | --zipf-theta must lie strictly between 0 and 1",
            "--format xml                         | Invalid value for option '--format'",
            "--target zookeeper --endpoints 127.0.0.1:1111 | --endpoints addresses a KVStore cluster",
            "--endpoints 127.0.0.1                | --endpoints: '127.0.0.1' is not host:port",
            "--endpoints 127.0.0.1:http           | has no numeric port",
            "--compare --target zookeeper         | --compare runs both targets; drop --target",
            "--compare --clients 8                | use --clients-sweep instead of --clients",
            "--compare --read-ratio 0.5           | drop --read-ratio",
            "--compare --clients-sweep 1,0        | --clients-sweep takes client counts of at least 1",
            "--clients-sweep 1,8                  | --clients-sweep needs --compare",
            "--chart-dir /tmp/charts              | --chart-dir needs --compare",
            "--rounds 3                           | --rounds needs --compare",
            "--compare --rounds 0                 | --rounds must be between 1 and 20, got 0",
            "--compare --rounds 21                | --rounds must be between 1 and 20, got 21",
            "--out /no/such/dir/results.json      | does not exist",
            "--bogus                              | Unknown option: '--bogus'",
            "--tls --target zookeeper             | --tls is for KVStore alone; the tool starts ZooKeeper without TLS",
            "--tls --compare                      | --compare would run ZooKeeper without it",
            "--tls --keystore client.p12          | --keystore is for a cluster given by --endpoints",
            "--tls --store-password-file pw       | --store-password-file is for a cluster given by --endpoints",
            "--tls --endpoints 127.0.0.1:1111     | --tls needs --keystore FILE and --truststore FILE",
            "--tls --endpoints 127.0.0.1:1111 --keystore client.p12 | --tls needs --keystore FILE and --truststore FILE",
            "--endpoints 127.0.0.1:1111 --keystore client.p12 | take effect only with --tls",
            "--truststore truststore.p12          | take effect only with --tls"})
    void refusesABadCommandLineWithAClearMessage(String args, String message) {
        int status = run(args.trim().split("\\s+"));

        assertThat(status).isEqualTo(2);
        assertThat(errText()).contains(message).contains("--help");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpListsTheOptionsAndSucceeds() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--target", "--compare", "--clients-sweep", "--rounds", "--format", "--tls",
                "--keystore", "auth-cost");
    }

    @Test
    void defaultsAreEightClientsHalfReadsHundredByteValuesUniformKeys() {
        BenchConfig config = parse();

        assertThat(config.target()).isEqualTo(TargetKind.KVSTORE);
        assertThat(config.clients()).isEqualTo(8);
        assertThat(config.readRatio()).isEqualTo(0.5);
        assertThat(config.workload().valueSize()).isEqualTo(100);
        assertThat(config.workload().distribution()).isEqualTo(KeyDistribution.UNIFORM);
        assertThat(config.format()).isEqualTo(OutputFormat.TABLE);
        assertThat(config.endpoints()).isEmpty();
        assertThat(config.compare()).isFalse();
        assertThat(config.burnIn()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.tls()).isFalse();
        assertThat(config.tlsFiles()).isNull();
    }

    @Test
    void tlsOnAClusterTheToolStartsNeedsNoStores() {
        BenchConfig config = parse("--tls");

        assertThat(config.tls()).isTrue();
        assertThat(config.tlsFiles()).as("throwaway certificates are made at start").isNull();
        assertThat(config.endpoints()).isEmpty();
    }

    @Test
    void tlsOnAnExistingClusterTakesTheClientsStores() {
        BenchConfig config = parse("--endpoints", "127.0.0.1:1111", "--tls", "--keystore", "certs/client.p12",
                "--truststore", "certs/truststore.p12", "--store-password-file", "certs/store-password");

        assertThat(config.tls()).isTrue();
        assertThat(config.tlsFiles().keystore()).isEqualTo(Path.of("certs/client.p12").toAbsolutePath());
        assertThat(config.tlsFiles().truststore()).isEqualTo(Path.of("certs/truststore.p12").toAbsolutePath());
        assertThat(config.tlsFiles().passwordFile()).isEqualTo(Path.of("certs/store-password").toAbsolutePath());
    }

    @Test
    void tlsOnAnExistingClusterMayTakeThePasswordFromTheEnvironment() {
        BenchConfig config = parse("--endpoints", "127.0.0.1:1111", "--tls", "--keystore", "client.p12", "--truststore", "truststore.p12");

        assertThat(config.tlsFiles().passwordFile()).as("read from KVSTORE_STORE_PASSWORD at start").isNull();
    }

    @Test
    void readsEveryOption() {
        BenchConfig config = parse("--endpoints", "127.0.0.1:1111, 127.0.0.1:2222", "--clients", "3", "--burn-in", "0s", "--warmup", "500ms",
                "--duration", "2m", "--read-ratio", "1", "--keys", "50", "--value-size", "10", "--distribution", "ZIPFIAN",
                "--zipf-theta", "0.5", "--seed", "9", "--format", "json");

        assertThat(config.endpoints()).containsExactly(new Endpoint("127.0.0.1", 1111), new Endpoint("127.0.0.1", 2222));
        assertThat(config.clients()).isEqualTo(3);
        assertThat(config.burnIn()).isZero();
        assertThat(config.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.readRatio()).isEqualTo(1.0);
        assertThat(config.workload().keys()).isEqualTo(50);
        assertThat(config.workload().zipfTheta()).isEqualTo(0.5);
        assertThat(config.workload().seed()).isEqualTo(9);
        assertThat(config.format()).isEqualTo(OutputFormat.JSON);
    }

    @Test
    void compareSweepsOneEightThirtyTwoAndOneHundredTwentyEightClientsByDefault() {
        assertThat(parse("--compare").clientsSweep()).containsExactly(1, 8, 32, 128);
        assertThat(parse("--compare", "--clients-sweep", "2,4").clientsSweep()).isEqualTo(List.of(2, 4));
    }

    @Test
    void aComparisonMeasuresOneRoundUnlessToldMore() {
        assertThat(parse("--compare").rounds()).isEqualTo(1);
        assertThat(parse("--compare", "--rounds", "3").rounds()).isEqualTo(3);
        assertThat(parse("--duration", "2s").rounds()).isEqualTo(1);
    }

    @Test
    void progressIsPrintedOnlyOnLongRuns() {
        assertThat(parse("--duration", "2s").spec(1, 0).progress()).isFalse();
        assertThat(parse("--duration", "10s").spec(1, 0).progress()).isTrue();
        assertThat(parse("--duration", "10s", "--no-progress").spec(1, 0).progress()).isFalse();
    }
}
