package dev.kvstore.server.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.TxId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockTableTest {
    private static final TxId T1 = new TxId("t1");
    private static final TxId T2 = new TxId("t2");

    private final LockTable locks = new LockTable();

    @Test
    void locksEveryKeyForTheTransaction() {
        assertThat(locks.tryLockAll(T1, List.of("a", "b"))).isEmpty();

        assertThat(locks.holderOf("a")).contains(T1);
        assertThat(locks.holderOf("b")).contains(T1);
        assertThat(locks.size()).isEqualTo(2);
    }

    @Test
    void locksNothingWhenOneKeyIsHeldByAnotherTransaction() {
        locks.tryLockAll(T1, List.of("b"));

        assertThat(locks.tryLockAll(T2, List.of("a", "b", "c"))).contains("b");

        assertThat(locks.holderOf("a")).isEmpty();
        assertThat(locks.holderOf("c")).isEmpty();
        assertThat(locks.holderOf("b")).contains(T1);
        assertThat(locks.size()).isEqualTo(1);
    }

    @Test
    void theSameTransactionMayLockItsKeysAgain() {
        locks.tryLockAll(T1, List.of("a", "b"));

        assertThat(locks.tryLockAll(T1, List.of("b", "c"))).isEmpty();

        assertThat(locks.holderOf("c")).contains(T1);
        assertThat(locks.size()).isEqualTo(3);
    }

    @Test
    void duplicateKeysInOneRequestLockOnce() {
        assertThat(locks.tryLockAll(T1, List.of("a", "a"))).isEmpty();

        assertThat(locks.size()).isEqualTo(1);
    }

    @Test
    void unlockReleasesOnlyWhatTheTransactionHolds() {
        locks.tryLockAll(T1, List.of("a"));
        locks.tryLockAll(T2, List.of("b"));

        locks.unlockAll(T1, List.of("a", "b"));

        assertThat(locks.holderOf("a")).isEmpty();
        assertThat(locks.holderOf("b")).contains(T2);
        assertThat(locks.tryLockAll(T1, List.of("b"))).contains("b");
    }

    @Test
    void releasedKeysCanBeLockedByAnotherTransaction() {
        locks.tryLockAll(T1, List.of("a"));
        locks.unlockAll(T1, List.of("a"));

        assertThat(locks.tryLockAll(T2, List.of("a"))).isEmpty();
        assertThat(locks.holderOf("a")).contains(T2);
    }
}
