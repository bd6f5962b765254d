package dev.kvstore.client.script;

import java.time.Duration;

/** The script runner's time: a monotonic reading and a way to wait. Injected so tests move time by hand. */
public interface ScriptClock {
    /** {@link System#nanoTime} and {@link Thread#sleep}. */
    ScriptClock SYSTEM = new ScriptClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (duration.isNegative() || duration.isZero()) return;
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;
}
