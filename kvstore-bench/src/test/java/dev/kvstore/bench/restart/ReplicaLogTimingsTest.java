package dev.kvstore.bench.restart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReplicaLogTimingsTest {
    private static final String CAUGHT_UP =
            "04:23:39.573 INFO  [replica-42909] [catch-up] d.k.s.r.CatchUp  - caught up in 2089 ms: snapshot 2076 ms, "
                    + "3 decisions pulled in 5 ms, join 8 ms (1 runs)";

    @Test
    void readsTheLastLaunchOnly() {
        List<String> log = List.of(
                "=== 2026-11-24T04:20:14Z launching replica 42909: java ...",
                "04:20:14.806 INFO  [replica-42909] [main] d.k.server.Replica  - replica serving; JVM up for 900 ms",
                "04:20:17.051 INFO  [replica-42909] [catch-up] d.k.s.r.CatchUp  - caught up in 9999 ms: snapshot 9000 ms, "
                        + "0 decisions pulled in 1 ms, join 1 ms (1 runs)",
                "=== 2026-11-24T04:23:37Z launching replica 42909: java ...",
                "04:23:37.500 INFO  [replica-42909] [main] d.k.server.Replica  - replica serving; JVM up for 512 ms",
                CAUGHT_UP);

        ReplicaLogTimings t = ReplicaLogTimings.parse(log);

        assertThat(t.jvmMillis()).hasValue(512);
        assertThat(t.catchUpMillis()).hasValue(2089);
        assertThat(t.snapshotMillis()).hasValue(2076);
        assertThat(t.decisions()).hasValue(3);
        assertThat(t.decisionsMillis()).hasValue(5);
        assertThat(t.joinMillis()).hasValue(8);
    }

    @Test
    void aLaterCatchUpOfTheSameProcessDoesNotCount() {
        String later = CAUGHT_UP.replace("caught up in 2089", "caught up in 7").replace("snapshot 2076", "snapshot 0");

        ReplicaLogTimings t = ReplicaLogTimings.parse(List.of("=== launch", CAUGHT_UP, later));

        assertThat(t.catchUpMillis()).hasValue(2089);
    }

    @Test
    void phasesTheLogDoesNotShowAreEmpty() {
        ReplicaLogTimings t = ReplicaLogTimings.parse(List.of("=== launch", "something else"));

        assertThat(t).isEqualTo(ReplicaLogTimings.NONE);
        assertThat(t.jvmMillis()).isEqualTo(OptionalLong.empty());
    }
}
