package dev.kvstore.bench.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ZooCfgTest {
    private static final List<ServerPorts> FIVE = List.of(
            new ServerPorts(2181, 2888, 3888), new ServerPorts(2182, 2889, 3889), new ServerPorts(2183, 2890, 3890),
            new ServerPorts(2184, 2891, 3891), new ServerPorts(2185, 2892, 3892));

    private static Properties parse(String cfg) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(cfg));
        return p;
    }

    @Test
    void namesEveryServerOfTheEnsembleOnLoopback() throws Exception {
        Properties cfg = parse(ZooCfg.render(3, Path.of("/data/zk-3"), FIVE));

        for (int id = 1; id <= 5; id++) {
            ServerPorts p = FIVE.get(id - 1);
            assertThat(cfg.getProperty("server." + id)).isEqualTo("127.0.0.1:" + p.quorum() + ":" + p.election());
        }
        assertThat(cfg.stringPropertyNames().stream().filter(k -> k.startsWith("server."))).hasSize(5);
    }

    @Test
    void listensForClientsOnItsOwnPortOnLoopbackOnly() throws Exception {
        Properties cfg = parse(ZooCfg.render(3, Path.of("/data/zk-3"), FIVE));

        assertThat(cfg.getProperty("clientPort")).isEqualTo("2183");
        assertThat(cfg.getProperty("clientPortAddress")).isEqualTo("127.0.0.1");
        assertThat(cfg.getProperty("dataDir")).isEqualTo(Path.of("/data/zk-3").toAbsolutePath().toString());
    }

    @Test
    void keepsFsyncAsShippedAndTurnsOffTheAdminServerAndFourLetterWords() throws Exception {
        Properties cfg = parse(ZooCfg.render(1, Path.of("/data/zk-1"), FIVE));

        assertThat(cfg.getProperty("forceSync")).isEqualTo("yes");
        assertThat(cfg.getProperty("admin.enableServer")).isEqualTo("false");
        assertThat(cfg.getProperty("4lw.commands.whitelist")).isEmpty();
        assertThat(cfg.getProperty("tickTime")).isEqualTo("2000");
        assertThat(cfg.getProperty("initLimit")).isEqualTo("10");
        assertThat(cfg.getProperty("syncLimit")).isEqualTo("5");
    }

    @Test
    void rejectsAnIdOutsideTheEnsemble() {
        assertThatThrownBy(() -> ZooCfg.render(0, Path.of("/d"), FIVE)).hasMessageContaining("myid 0");
        assertThatThrownBy(() -> ZooCfg.render(6, Path.of("/d"), FIVE)).hasMessageContaining("5-server ensemble");
    }

    @Test
    void rejectsAServerWhosePortsCollide() {
        assertThatThrownBy(() -> new ServerPorts(2181, 2181, 3888)).hasMessageContaining("must differ");
    }
}
