package dev.kvstore.server.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kvstore.api.protocol.TxId;
import dev.kvstore.server.txn.ParticipantCore.Finished;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FinishedTransactionsTest {
    private static final TxId T1 = new TxId("5001-ab12-1");
    private static final TxId T2 = new TxId("5001-ab12-2");
    private static final TxId T3 = new TxId("5002-cd34-1");

    @Test
    void anUnknownTransactionHasNoOutcome() {
        FinishedTransactions finished = new FinishedTransactions(4, 256);
        finished.remember(T1, Finished.COMMITTED);

        assertThat(finished.outcomeOf(T2)).isNull();
    }

    @Test
    void rememberReplacesTheOutcomeButRememberIfAbsentKeepsTheFirst() {
        FinishedTransactions finished = new FinishedTransactions(4, 256);
        finished.rememberIfAbsent(T1, Finished.ABORTED);
        finished.rememberIfAbsent(T1, Finished.COMMITTED);
        finished.remember(T2, Finished.ABORTED);
        finished.remember(T2, Finished.COMMITTED);

        assertThat(finished.outcomeOf(T1)).isEqualTo(Finished.ABORTED);
        assertThat(finished.outcomeOf(T2)).isEqualTo(Finished.COMMITTED);
        assertThat(finished.size()).isEqualTo(2);
    }

    @Test
    void beyondMaxEntriesTheOldestIsForgottenEvenIfRememberedAgainSince() {
        FinishedTransactions finished = new FinishedTransactions(2, 256);
        finished.remember(T1, Finished.COMMITTED);
        finished.remember(T2, Finished.COMMITTED);
        finished.remember(T1, Finished.ABORTED);
        finished.remember(T3, Finished.COMMITTED);

        assertThat(finished.outcomeOf(T1)).isNull();
        assertThat(finished.outcomeOf(T2)).isEqualTo(Finished.COMMITTED);
        assertThat(finished.outcomeOf(T3)).isEqualTo(Finished.COMMITTED);
    }

    @Test
    void whenTheIdCharactersRunOutTheOldestAreForgottenToMakeRoom() {
        FinishedTransactions finished = new FinishedTransactions(100, TxId.MAX_LENGTH);
        TxId half1 = new TxId("a".repeat(64));
        TxId half2 = new TxId("b".repeat(64));
        TxId longest = new TxId("c".repeat(TxId.MAX_LENGTH));
        finished.remember(half1, Finished.COMMITTED);
        finished.remember(half2, Finished.ABORTED);
        finished.remember(T1, Finished.COMMITTED);

        assertThat(finished.outcomeOf(half1)).isNull();
        assertThat(finished.outcomeOf(half2)).isEqualTo(Finished.ABORTED);

        finished.remember(longest, Finished.COMMITTED);

        assertThat(finished.size()).isEqualTo(1);
        assertThat(finished.outcomeOf(longest)).isEqualTo(Finished.COMMITTED);
        assertThat(finished.outcomeOf(T1)).isNull();
    }

    @Test
    void tooFewIdCharactersForTheLongestIdAreRefused() {
        assertThatThrownBy(() -> new FinishedTransactions(10, TxId.MAX_LENGTH - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Against a LinkedHashMap with the same bounds, over a small table, so that probe sequences
     * collide and wrap, entries are forgotten from the middle of runs, and the characters wrap
     * around their ring many times.
     */
    @Test
    void behavesLikeABoundedInsertionOrderedMap() {
        Random random = new Random(42);
        List<TxId> pool = new ArrayList<>();
        for (int i = 0; i < 40; i++) pool.add(new TxId(Integer.toString(i, 36) + "-" + "x".repeat(random.nextInt(40))));
        int maxEntries = 12;
        int maxIdChars = 256;
        FinishedTransactions finished = new FinishedTransactions(maxEntries, maxIdChars);
        Map<TxId, Finished> model = new LinkedHashMap<>();

        for (int step = 0; step < 20_000; step++) {
            TxId tx = pool.get(random.nextInt(pool.size()));
            Finished outcome = random.nextBoolean() ? Finished.COMMITTED : Finished.ABORTED;
            if (random.nextBoolean()) {
                if (!model.containsKey(tx)) makeRoom(model, tx, maxEntries, maxIdChars);
                model.put(tx, outcome);
                finished.remember(tx, outcome);
            } else {
                if (!model.containsKey(tx)) {
                    makeRoom(model, tx, maxEntries, maxIdChars);
                    model.put(tx, outcome);
                }
                finished.rememberIfAbsent(tx, outcome);
            }
            for (TxId any : pool) assertThat(finished.outcomeOf(any)).as("step %d, %s", step, any).isEqualTo(model.get(any));
        }
    }

    private static void makeRoom(Map<TxId, Finished> model, TxId incoming, int maxEntries, int maxIdChars) {
        while (model.size() == maxEntries || chars(model) + incoming.value().length() > maxIdChars) {
            model.remove(model.keySet().iterator().next());
        }
    }

    private static int chars(Map<TxId, Finished> model) {
        return model.keySet().stream().mapToInt(tx -> tx.value().length()).sum();
    }
}
