package dev.kvstore.client.script;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when someone sleeps, by exactly the time slept. Thread-safe. */
final class FakeScriptClock implements ScriptClock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L); // any origin: only differences count

    private final long origin = nanos.get();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** Time slept since this clock was made. */
    Duration elapsed() {
        return Duration.ofNanos(nanos.get() - origin);
    }
}
