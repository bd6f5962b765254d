package dev.kvstore.rmi.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a server process's main thread until Ctrl-C or SIGTERM, then closes what it runs. */
public final class UntilStopped {
    private UntilStopped() {}

    /** Closes {@code running} from a shutdown hook and returns once it is closed. */
    public static void await(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                e.printStackTrace(); // the JVM is going down; nothing else can report it
            } finally {
                stopped.countDown();
            }
        }, "shutdown"));
        stopped.await();
    }
}
