package dev.kvstore.client;

import java.time.Duration;

/** Waits between retries. Injected so tests can record the delays instead of waiting them out. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the calling thread. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

    void sleep(Duration duration) throws InterruptedException;
}
