package dev.kvstore.bench.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A target that answers in memory, at once: reads succeed, and every 5th write of a client aborts
 * and every 7th fails. It remembers which clients were opened and closed.
 */
public final class InMemoryTarget implements BenchTarget {
    private final String name;
    public final List<Integer> opened = new CopyOnWriteArrayList<>();
    public final AtomicInteger closedClients = new AtomicInteger();
    public final AtomicInteger preloads = new AtomicInteger();
    public final LongAdder readCalls = new LongAdder();
    public final LongAdder writeCalls = new LongAdder();
    public volatile boolean closed;

    public InMemoryTarget(String name) {
        this.name = name;
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
        closed = true;
    }
}
