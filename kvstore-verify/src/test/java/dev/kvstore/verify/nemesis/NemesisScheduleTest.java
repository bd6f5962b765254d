package dev.kvstore.verify.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NemesisScheduleTest {
    private static final Set<FaultCategory> ALL = EnumSet.allOf(FaultCategory.class);
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration UNTIL = Duration.ofSeconds(65);

    @Test
    void sameSeedGivesTheSamePlan() {
        assertThat(NemesisSchedule.plan(42, ALL, 5, WARMUP, UNTIL)).isEqualTo(NemesisSchedule.plan(42, ALL, 5, WARMUP, UNTIL));
    }

    @Test
    void differentSeedsGiveDifferentPlans() {
        assertThat(NemesisSchedule.plan(1, ALL, 5, WARMUP, UNTIL)).isNotEqualTo(NemesisSchedule.plan(2, ALL, 5, WARMUP, UNTIL));
    }

    @Test
    void everyEpisodeStartsAfterWarmupAndHealsBeforeTheEndWithoutOverlapping() {
        List<PlannedFault> plan = NemesisSchedule.plan(7, ALL, 5, WARMUP, UNTIL);
        assertThat(plan).hasSizeGreaterThan(6);
        assertThat(plan.get(0).atNanos()).isEqualTo(WARMUP.toNanos());
        for (int i = 0; i < plan.size(); i++) {
            PlannedFault f = plan.get(i);
            assertThat(f.healAtNanos()).isLessThanOrEqualTo(UNTIL.toNanos());
            assertThat(f.holdNanos()).isBetween(Duration.ofMillis(500).toNanos(), Duration.ofSeconds(5).toNanos());
            if (i > 0) assertThat(f.atNanos()).isGreaterThanOrEqualTo(plan.get(i - 1).healAtNanos() + Duration.ofSeconds(1).toNanos());
            assertThat(f.replicaIndexes()).hasSize(f.kind().replicas()).allMatch(r -> r >= 0 && r < 5).doesNotHaveDuplicates();
        }
    }

    @Test
    void usesOnlyTheEnabledCategories() {
        List<PlannedFault> pauses = NemesisSchedule.plan(3, EnumSet.of(FaultCategory.PAUSE), 5, WARMUP, UNTIL);
        assertThat(pauses).isNotEmpty().allMatch(f -> f.kind() == FaultKind.PAUSE_REPLICA);
        List<PlannedFault> kills = NemesisSchedule.plan(3, EnumSet.of(FaultCategory.KILL), 5, WARMUP, UNTIL);
        assertThat(kills).isNotEmpty().allMatch(f -> f.kind() == FaultKind.KILL_REPLICA || f.kind() == FaultKind.KILL_TWO_REPLICAS);
    }

    @Test
    void combinationsAppearWhenBothOfTheirCategoriesAreEnabled() {
        List<PlannedFault> plan = NemesisSchedule.plan(11, ALL, 5, WARMUP, Duration.ofMinutes(10));
        assertThat(plan).extracting(PlannedFault::kind).contains(FaultKind.values());
    }

    @Test
    void noFaultsEnabledMeansAnEmptyPlan() {
        assertThat(NemesisSchedule.plan(5, EnumSet.noneOf(FaultCategory.class), 5, WARMUP, UNTIL)).isEmpty();
    }

    @Test
    void parsesFaultListsFromTheCommandLine() {
        assertThat(FaultCategory.parseList("kill, pause,coordinator")).containsExactlyInAnyOrder(FaultCategory.values());
        assertThat(FaultCategory.parseList("none")).isEmpty();
        assertThatThrownBy(() -> FaultCategory.parseList("kill,partition")).hasMessageContaining("unknown fault 'partition'");
    }
}
