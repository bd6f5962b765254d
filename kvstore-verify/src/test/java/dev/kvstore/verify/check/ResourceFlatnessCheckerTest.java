package dev.kvstore.verify.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class ResourceFlatnessCheckerTest {
    private static List<ResourceSample> series(String process, long pid, int n, IntToLongFunction rssMb, IntToLongFunction threads) {
        List<ResourceSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ResourceSample(i, process, pid, rssMb.applyAsLong(i) * 1024, (int) threads.applyAsLong(i)));
        return out;
    }

    @Test
    void steadyProcessesPass() {
        List<ResourceSample> samples = new ArrayList<>(series("replica:1", 7, 60, i -> 200 + i % 5, i -> 40));
        samples.addAll(series("coordinator", 8, 60, i -> 300, i -> 60 + i % 3));
        CheckResult r = ResourceFlatnessChecker.check(samples);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.details()).hasSize(2);
    }

    @Test
    void heapSettlingDuringWarmupIsNotALeak() {
        // Grows fast in the first tenth, then flat.
        assertThat(ResourceFlatnessChecker.check(series("replica:1", 7, 100, i -> i < 10 ? 50 + 30L * i : 350, i -> 40)).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void memoryThatKeepsGrowingFails() {
        CheckResult r = ResourceFlatnessChecker.check(series("replica:1", 7, 100, i -> 100 + 10L * i, i -> 40));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.details()).singleElement().asString().contains("RSS", "(GROWS)");
    }

    @Test
    void threadsThatKeepGrowingFail() {
        assertThat(ResourceFlatnessChecker.check(series("coordinator", 9, 100, i -> 100, i -> 30 + i)).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theSuitesOwnGrowthIsShownButNotJudged() {
        List<ResourceSample> samples = new ArrayList<>(series(ResourceFlatnessChecker.SELF, 9, 100, i -> 100 + 5L * i, i -> 50));
        samples.addAll(series("replica:1", 7, 100, i -> 200, i -> 40));
        CheckResult r = ResourceFlatnessChecker.check(samples);
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.details()).anyMatch(l -> l.startsWith("verifier") && l.contains("(GROWS)") && l.contains("not judged"));
    }

    @Test
    void restartedProcessIsJudgedOnItsLatestPid() {
        List<ResourceSample> samples = new ArrayList<>(series("replica:1", 7, 30, i -> 900, i -> 400));
        samples.addAll(series("replica:1", 8, 60, i -> 200, i -> 40));
        assertThat(ResourceFlatnessChecker.check(samples).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void tooFewSamplesGiveNoVerdict() {
        assertThat(ResourceFlatnessChecker.check(series("replica:1", 7, 5, i -> 100, i -> 40)).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void readsResidentMemoryAndThreadsFromProcStatus() {
        assertThat(ResourceSampler.parseStatus(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads:\t37")))
                .hasValueSatisfying(v -> assertThat(v).containsExactly(123456, 37));
        assertThat(ResourceSampler.read(ProcessHandle.current().pid())).hasValueSatisfying(v -> assertThat(v[0]).isPositive());
    }
}
