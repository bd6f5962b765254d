package dev.kvstore.verify.linear;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.verify.check.Verdict;
import dev.kvstore.verify.history.OpType;
import dev.kvstore.verify.history.Operation;
import dev.kvstore.verify.history.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checker on histories the size of a fault run: thousands of operations on one key, some of
 * unknown outcome. A fault run has 10 clients over 5 keys, so about 2 operations overlap on a key;
 * these histories have 10 (passing) and 4 (failing, where the search must try every order).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinearizabilityScaleTest {
    private final LinearizabilityChecker checker = new LinearizabilityChecker(Duration.ofSeconds(30), System::nanoTime);

    @Test
    void fiveThousandConcurrentOperationsWithUnknownWritesAreLinearizable() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Operation> ops = RandomHistories.linearizable(seed, 10, 5_000, 0.02);
            KeyVerdict v = checker.check("k", ops);
            assertThat(v.verdict()).as("seed %d: %s", seed, v.note()).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void oneStaleReadInFiveThousandOperationsIsFoundAndShrunkToASmallWindow() {
        List<Operation> ops = RandomHistories.linearizable(42, 4, 5_000, 0.02);
        // Pick a read late in the history and make it return a value written long before.
        Operation oldPut = ops.stream().filter(op -> op.type() == OpType.PUT && op.outcome() == Outcome.OK).toList().get(20);
        Operation lateRead = ops.stream().filter(op -> op.type() == OpType.GET && op.outcome() == Outcome.OK
                && op.invokeNanos() > ops.get(ops.size() - 1).invokeNanos() * 3 / 4).findFirst().orElseThrow();
        List<Operation> broken = RandomHistories.withRead(ops, lateRead.id(), oldPut.value());

        KeyVerdict v = checker.check("k", broken);

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.window().culprit().id()).isEqualTo(lateRead.id());
        assertThat(v.window().fromAnyState()).isTrue();
        // Four clients keep the key busy, so moments when no acknowledged operation runs are rare: the
        // window starts at the latest such moment from which it still fails.
        assertThat(v.window().operations().stream().filter(op -> op.outcome() == Outcome.OK)).hasSizeLessThan(250);
        assertThat(v.window().operations()).extracting(Operation::id).contains(lateRead.id());
        assertThat(v.window().context()).extracting(Operation::id).containsExactly(oldPut.id());
    }
}
