package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.client.RmiFakeReplica;
import dev.kvstore.rmi.RmiSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code kvstore-client --port P COMMAND...}: one command, and an exit status per outcome (docs/client.md). */
@Timeout(30)
class OneShotTest {
    static {
        RmiFakeReplica.installRmiSettings();
    }

    private RmiFakeReplica replica;

    @BeforeEach
    void startReplica() throws Exception {
        replica = RmiFakeReplica.startOnFreePort();
    }

    @AfterEach
    void stopReplica() {
        replica.close();
    }

    private ShellRun oneShot(String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "--port";
        args[1] = Integer.toString(replica.port());
        System.arraycopy(command, 0, args, 2, command.length);
        return ShellRun.run("", args);
    }

    @Test
    void successExitsZeroAndPrintsTheResult() {
        ShellRun put = oneShot("put", "greeting", "hello world");
        ShellRun get = oneShot("get", "greeting");

        assertThat(put.status()).isZero();
        assertThat(put.outLines()).containsExactly("OK");
        assertThat(get.status()).isZero();
        assertThat(get.outLines()).containsExactly("hello world");
    }

    @Test
    void argumentsThatLookLikeOptionsAfterTheCommandAreItsArguments() {
        ShellRun put = oneShot("put", "k", "--port");

        assertThat(put.status()).isZero();
        assertThat(replica.store().store()).containsEntry("k", "--port");
    }

    @Test
    void notFoundExitsOne() {
        ShellRun get = oneShot("get", "absent");

        assertThat(get.status()).isEqualTo(1);
        assertThat(get.outLines()).containsExactly("(not found)");
    }

    @Test
    void aUsageErrorExitsTwoWithTheMessageOnStandardError() {
        ShellRun get = oneShot("get");

        assertThat(get.status()).isEqualTo(2);
        assertThat(get.out()).isEmpty();
        assertThat(get.errLines()).containsExactly("USAGE: get: missing KEY (usage: get KEY)");
    }

    @Test
    void aBadReplySpinSettingIsAUsageErrorThatNamesIt() {
        String before = System.getProperty(RmiSettings.REPLY_SPIN_PROPERTY);
        ShellRun get;
        System.setProperty(RmiSettings.REPLY_SPIN_PROPERTY, "fast");
        try {
            get = oneShot("get", "greeting");
        } finally {
            if (before == null) System.clearProperty(RmiSettings.REPLY_SPIN_PROPERTY);
            else System.setProperty(RmiSettings.REPLY_SPIN_PROPERTY, before);
        }

        assertThat(get.status()).isEqualTo(2);
        assertThat(get.outLines()).isEmpty();
        assertThat(get.errLines()).first().asString()
                .startsWith("kvstore-client: " + RmiSettings.REPLY_SPIN_PROPERTY)
                .endsWith("not 'fast'");
    }

    @Test
    void anAbortExitsThree() {
        TransactionAbortedException locked = new TransactionAbortedException("tx-1", "key 'x' is locked by another transaction");
        replica.store().failNext(locked, locked);

        ShellRun put = ShellRun.run("", "--port", Integer.toString(replica.port()), "--retries", "1", "put", "x", "1");

        assertThat(put.status()).isEqualTo(3);
        assertThat(put.errLines()).containsExactly("ABORTED: key 'x' is locked by another transaction, retried once");
    }

    @Test
    void anUnreachableReplicaExitsFour() {
        int nothingThere = RmiFakeReplica.freePort();

        ShellRun get = ShellRun.run("", "--port", Integer.toString(nothingThere), "get", "k");

        assertThat(get.status()).isEqualTo(4);
        assertThat(get.errLines()).containsExactly("UNAVAILABLE: cannot reach replica 127.0.0.1:" + nothingThere + " (connection refused)");
    }

    @Test
    void failoverListServesWhenTheFirstReplicaIsDown() {
        int nothingThere = RmiFakeReplica.freePort();
        replica.store().store().put("k", "v");

        ShellRun get = ShellRun.run("", "--port", Integer.toString(nothingThere), "--failover", "127.0.0.1:" + replica.port(), "get", "k");

        assertThat(get.status()).isZero();
        assertThat(get.outLines()).containsExactly("v");
    }
}
