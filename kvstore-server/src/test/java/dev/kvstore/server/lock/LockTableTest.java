package dev.kvstore.server.lock;

import static dev.kvstore.server.lock.LockTable.Mode.EXCLUSIVE;
import static dev.kvstore.server.lock.LockTable.Mode.SHARED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.TxId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockTableTest {
    private static final TxId T1 = new TxId("t1");
    private static final TxId T2 = new TxId("t2");
    private static final TxId T3 = new TxId("t3");

    private final LockTable locks = new LockTable();

    @Test
    void locksEveryKeyForTheTransaction() {
        assertThat(locks.tryLockAll(T1, List.of("a", "b"), EXCLUSIVE)).isEmpty();

        assertThat(locks.holdersOf("a")).containsExactly(T1);
        assertThat(locks.holdersOf("b")).containsExactly(T1);
        assertThat(locks.size()).isEqualTo(2);
    }

    @Test
    void locksNothingWhenOneKeyIsHeldByAnotherTransaction() {
        locks.tryLockAll(T1, List.of("b"), EXCLUSIVE);

        assertThat(locks.tryLockAll(T2, List.of("a", "b", "c"), EXCLUSIVE)).contains("b");

        assertThat(locks.holdersOf("a")).isEmpty();
        assertThat(locks.holdersOf("c")).isEmpty();
        assertThat(locks.holdersOf("b")).containsExactly(T1);
        assertThat(locks.size()).isEqualTo(1);
    }

    @Test
    void theSameTransactionMayLockItsKeysAgain() {
        locks.tryLockAll(T1, List.of("a", "b"), EXCLUSIVE);

        assertThat(locks.tryLockAll(T1, List.of("b", "c"), EXCLUSIVE)).isEmpty();

        assertThat(locks.holdersOf("c")).containsExactly(T1);
        assertThat(locks.size()).isEqualTo(3);
    }

    @Test
    void duplicateKeysInOneRequestLockOnce() {
        assertThat(locks.tryLockAll(T1, List.of("a", "a"), EXCLUSIVE)).isEmpty();

        assertThat(locks.size()).isEqualTo(1);
    }

    @Test
    void unlockReleasesOnlyWhatTheTransactionHolds() {
        locks.tryLockAll(T1, List.of("a"), EXCLUSIVE);
        locks.tryLockAll(T2, List.of("b"), EXCLUSIVE);

        locks.unlockAll(T1, List.of("a", "b"));

        assertThat(locks.holdersOf("a")).isEmpty();
        assertThat(locks.holdersOf("b")).containsExactly(T2);
        assertThat(locks.tryLockAll(T1, List.of("b"), EXCLUSIVE)).contains("b");
    }

    @Test
    void releasedKeysCanBeLockedByAnotherTransaction() {
        locks.tryLockAll(T1, List.of("a"), EXCLUSIVE);
        locks.unlockAll(T1, List.of("a"));

        assertThat(locks.tryLockAll(T2, List.of("a"), EXCLUSIVE)).isEmpty();
        assertThat(locks.holdersOf("a")).containsExactly(T2);
    }

    @Test
    void blindWritesShareAKey() {
        locks.tryLockAll(T1, List.of("a"), SHARED);

        assertThat(locks.tryLockAll(T2, List.of("a", "b"), SHARED)).isEmpty();

        assertThat(locks.holdersOf("a")).containsExactlyInAnyOrder(T1, T2);
        assertThat(locks.holdersOf("b")).containsExactly(T2);
    }

    @Test
    void anExclusiveHolderKeepsSharersOutAndSharersKeepAnExclusiveLockerOut() {
        locks.tryLockAll(T1, List.of("a"), EXCLUSIVE);
        locks.tryLockAll(T2, List.of("b"), SHARED);

        assertThat(locks.tryLockAll(T3, List.of("c", "a"), SHARED)).contains("a");
        assertThat(locks.tryLockAll(T3, List.of("c", "b"), EXCLUSIVE)).contains("b");

        assertThat(locks.holdersOf("c")).isEmpty();
        assertThat(locks.holdersOf("a")).containsExactly(T1);
        assertThat(locks.holdersOf("b")).containsExactly(T2);
    }

    @Test
    void aSharedKeyStaysLockedUntilItsLastSharerLetsGo() {
        locks.tryLockAll(T1, List.of("a"), SHARED);
        locks.tryLockAll(T2, List.of("a"), SHARED);

        locks.unlockAll(T1, List.of("a"));
        assertThat(locks.isLocked("a")).isTrue();
        assertThat(locks.tryLockAll(T3, List.of("a"), EXCLUSIVE)).contains("a");

        locks.unlockAll(T2, List.of("a"));
        assertThat(locks.isLocked("a")).isFalse();
        assertThat(locks.tryLockAll(T3, List.of("a"), EXCLUSIVE)).isEmpty();
    }

    @Test
    void aSoleSharerMayTakeItsKeyAloneAndAnExclusiveHolderKeepsItAlone() {
        locks.tryLockAll(T1, List.of("a"), SHARED);
        locks.tryLockAll(T2, List.of("b"), EXCLUSIVE);

        assertThat(locks.tryLockAll(T1, List.of("a"), EXCLUSIVE)).isEmpty();
        assertThat(locks.tryLockAll(T2, List.of("b"), SHARED)).isEmpty();

        assertThat(locks.tryLockAll(T3, List.of("a"), SHARED)).contains("a");
        assertThat(locks.tryLockAll(T3, List.of("b"), SHARED)).contains("b");
    }
}
