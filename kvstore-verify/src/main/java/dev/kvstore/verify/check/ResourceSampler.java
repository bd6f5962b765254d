package dev.kvstore.verify.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples the resident memory and thread count of the cluster's processes and of this one every
 * interval, from {@code /proc/PID/status} (Linux). Runs on its own daemon thread between
 * {@link #start} and {@link #stop}; thread-safe.
 */
public final class ResourceSampler {
    private final Supplier<Map<String, Long>> pids;
    private final LongSupplier clock;
    private final long intervalMillis;
    private final List<ResourceSample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code pids} names the processes to sample (name to pid) at each round; it may change between rounds. */
    public ResourceSampler(Supplier<Map<String, Long>> pids, LongSupplier historyClock, long intervalMillis) {
        this.pids = pids;
        this.clock = historyClock;
        this.intervalMillis = intervalMillis;
        this.thread = new Thread(this::loop, "resource-sampler");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }

    public List<ResourceSample> samples() {
        return new ArrayList<>(samples);
    }

    private void loop() {
        while (running) {
            try {
                Map<String, Long> now = pids.get();
                now.forEach((name, pid) -> read(pid).ifPresent(r -> samples.add(new ResourceSample(clock.getAsLong(), name, pid, r[0], (int) r[1]))));
            } catch (RuntimeException e) {
                // a process restarting or the coordinator not answering: skip this round
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** VmRSS (KiB) and Threads of {@code pid}, or empty when the process is gone. */
    static Optional<long[]> read(long pid) {
        try {
            return parseStatus(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<long[]> parseStatus(List<String> lines) {
        long rss = -1;
        long threads = -1;
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            if (line.startsWith("Threads:")) threads = Long.parseLong(line.substring(8).trim());
        }
        return rss >= 0 && threads >= 0 ? Optional.of(new long[] {rss, threads}) : Optional.empty();
    }
}
