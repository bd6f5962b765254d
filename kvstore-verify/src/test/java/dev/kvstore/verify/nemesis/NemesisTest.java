package dev.kvstore.verify.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.verify.history.FaultAction;
import dev.kvstore.verify.history.FaultEvent;
import dev.kvstore.verify.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

class NemesisTest {
    private final FakeClusterControl cluster = new FakeClusterControl(List.of(1, 2, 3, 4, 5));
    private final long[] now = {0};
    private final History history = new History(() -> now[0]);
    private final Nemesis nemesis = new Nemesis(cluster, history);
    /** Moves the history's clock straight to the time asked for: no real waiting. */
    private final Pacer instant = t -> now[0] = Math.max(now[0], t);

    @Test
    void pausesAReplicaAndResumesItAfterTheHold() {
        nemesis.run(List.of(new PlannedFault(1_000, FaultKind.PAUSE_REPLICA, List.of(2), 500, false)), instant);

        assertThat(cluster.actions).containsExactly("STOP 103", "CONT 103");
        assertThat(history.faults()).extracting(FaultEvent::action, FaultEvent::atNanos)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FaultAction.PAUSE_REPLICA, 1_000L),
                        org.assertj.core.groups.Tuple.tuple(FaultAction.RESUME_REPLICA, 1_500L));
    }

    @Test
    void killsTheCoordinatorAndStartsItAgainAfterTheHold() {
        nemesis.run(List.of(new PlannedFault(0, FaultKind.KILL_COORDINATOR, List.of(), 2_000, false)), instant);

        assertThat(cluster.actions).containsExactly("kill coordinator", "restart coordinator");
        assertThat(history.faults().get(1).atNanos()).isEqualTo(2_000);
    }

    @Test
    void looksUpPidsBeforeKillingTheCoordinatorThatKnowsThem() {
        nemesis.run(List.of(new PlannedFault(0, FaultKind.COORDINATOR_AND_KILL, List.of(0), 1_000, false)), instant);

        assertThat(cluster.actions).containsExactly("kill coordinator", "KILL 101", "restart coordinator");
    }

    @Test
    void healsInTheOrderThePlanSays() {
        nemesis.run(List.of(new PlannedFault(0, FaultKind.COORDINATOR_AND_PAUSE, List.of(4), 1_000, true),
                new PlannedFault(5_000, FaultKind.COORDINATOR_AND_PAUSE, List.of(4), 1_000, false)), instant);

        assertThat(cluster.actions).containsExactly(
                "STOP 105", "kill coordinator", "restart coordinator", "CONT 105",
                "STOP 105", "kill coordinator", "CONT 105", "restart coordinator");
    }

    @Test
    void killsBothReplicasOfAPauseAndKillEpisode() {
        nemesis.run(List.of(new PlannedFault(0, FaultKind.PAUSE_AND_KILL, List.of(0, 1), 1_000, false)), instant);

        assertThat(cluster.actions).containsExactly("STOP 101", "KILL 102", "CONT 101");
    }

    @Test
    void recordsAnEpisodeItCannotStageAsSkipped() {
        cluster.unknownPids.put(3, -1L);
        nemesis.run(List.of(new PlannedFault(0, FaultKind.KILL_REPLICA, List.of(2), 1_000, false)), instant);

        assertThat(cluster.actions).isEmpty();
        assertThat(history.faults()).singleElement().satisfies(f -> {
            assertThat(f.action()).isEqualTo(FaultAction.SKIPPED);
            assertThat(f.note()).contains("pid unknown");
        });
    }

    @Test
    void asksForThePidAgainWhileTheCoordinatorComesBack() {
        cluster.pidLookupsFailing = 3;
        nemesis.run(List.of(new PlannedFault(0, FaultKind.KILL_REPLICA, List.of(0), 1_000, false)), instant);

        assertThat(cluster.actions).containsExactly("KILL 101");
        assertThat(history.faults()).extracting(FaultEvent::action).containsExactly(FaultAction.KILL_REPLICA);
    }

    @Test
    void interruptedRunStillResumesPausedReplicasAndRestartsTheCoordinator() {
        Pacer interruptAtHeal = t -> {
            if (t > 0) throw new InterruptedException("stop");
        };
        nemesis.run(List.of(new PlannedFault(0, FaultKind.COORDINATOR_AND_PAUSE, List.of(1), 1_000, false)), interruptAtHeal);

        assertThat(cluster.actions).containsExactly("STOP 102", "kill coordinator", "CONT 102", "restart coordinator");
        assertThat(Thread.interrupted()).isTrue(); // the interrupt is kept for the caller
        nemesis.healAll();
        assertThat(cluster.actions).hasSize(4); // nothing left to heal
    }
}
