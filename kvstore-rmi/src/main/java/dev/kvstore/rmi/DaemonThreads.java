package dev.kvstore.rmi;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories for KVStore's background pools: daemon threads, so none of them keeps a JVM alive. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Every thread is called {@code name}: for pools of one thread. */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, …: for pools that grow. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> daemon(r, prefix + "-" + count.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
