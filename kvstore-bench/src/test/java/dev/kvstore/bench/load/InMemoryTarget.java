package dev.kvstore.bench.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A target that answers in memory, at once: reads succeed, and every 5th write of a client aborts
 * and every 7th fails. It remembers which clients were opened and closed, and can log each run
 * (the opening of its worker 0) and its own close to a list shared with other targets.
 */
public final class InMemoryTarget implements BenchTarget {
    private final String name;
    private final List<String> events;
    public final List<Integer> opened = new CopyOnWriteArrayList<>();
    public final AtomicInteger closedClients = new AtomicInteger();
    public final AtomicInteger preloads = new AtomicInteger();
    public final LongAdder readCalls = new LongAdder();
    public final LongAdder writeCalls = new LongAdder();
    public volatile boolean closed;

    public InMemoryTarget(String name) {
        this(name, new CopyOnWriteArrayList<>());
    }

    /** A target that adds "run NAME" to {@code events} for each run and "close NAME" when it closes. */
    public InMemoryTarget(String name, List<String> events) {
        this.name = name;
        this.events = events;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public void preload() {
        preloads.incrementAndGet();
    }

    @Override
    public BenchClient open(int worker) {
        if (worker == 0) events.add("run " + name);
        opened.add(worker);
        return new BenchClient() {
            private long writes;

            @Override
            public Outcome read(int key) {
                readCalls.increment();
                return Outcome.OK;
            }

            @Override
            public Outcome write(int key) {
                writeCalls.increment();
                writes++;
                if (writes % 5 == 0) return Outcome.ABORT;
                if (writes % 7 == 0) return Outcome.ERROR;
                return Outcome.OK;
            }

            @Override
            public void close() {
                closedClients.incrementAndGet();
            }
        };
    }

    @Override
    public void close() {
        events.add("close " + name);
        closed = true;
    }
}
