package dev.kvstore.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the delays it is asked to wait, and returns at once. Thread-safe. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        delays.add(duration);
    }

    public List<Duration> delays() {
        return List.copyOf(delays);
    }
}
