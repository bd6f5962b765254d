package dev.kvstore.coordinator.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before relaunching a replica that exited: no wait after a run that lasted at least
 * {@link #MIN_UPTIME}; after consecutive shorter runs (it cannot start: port taken, bad flags),
 * 1 s, 2 s, 4 s, ... up to 30 s, so it does not spin. Not thread-safe: one per replica, used under the
 * supervisor's lock.
 */
final class RestartBackoff {

    static final Duration MIN_UPTIME = Duration.ofSeconds(2);
    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(30);

    private int quickExits;

    /** Records an exit after {@code uptime} and returns the wait before the next launch. */
    Duration onExit(Duration uptime) {
        Objects.requireNonNull(uptime, "uptime");
        if (uptime.compareTo(MIN_UPTIME) >= 0) {
            quickExits = 0;
            return Duration.ZERO;
        }
        quickExits = Math.min(quickExits + 1, 31); // 2^30 s is far past MAX; the bound only stops the shift overflowing
        Duration delay = INITIAL.multipliedBy(1L << (quickExits - 1));
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }

    /** Forgets earlier quick exits, as when a fault restarts the replica on purpose. */
    void reset() {
        quickExits = 0;
    }

    /** Consecutive runs shorter than {@link #MIN_UPTIME}. */
    int quickExits() {
        return quickExits;
    }
}
