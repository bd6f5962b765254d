package dev.kvstore.rmi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes {@link WatchedSocket}s whose connect or read has outlasted its bound. One per JVM, on
 * one daemon thread that looks every {@link #PERIOD_MILLIS} ms, so a bound is kept to within
 * that. Thread-safe.
 */
final class SocketWatchdog {
    /** How often the watchdog looks: a small part of any timeout a KVStore process uses, and rarely enough to cost nothing. */
    static final long PERIOD_MILLIS = 50;

    private static final SocketWatchdog SHARED = new SocketWatchdog();

    private final Set<WatchedSocket> sockets = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService thread; // guarded by this; started with the first socket

    static SocketWatchdog shared() {
        return SHARED;
    }

    void watch(WatchedSocket socket) {
        sockets.add(socket);
        startOnce();
    }

    void forget(WatchedSocket socket) {
        sockets.remove(socket);
    }

    /** Whether {@code socket} is still watched: from its creation until it is closed. */
    boolean watches(WatchedSocket socket) {
        return sockets.contains(socket);
    }

    private synchronized void startOnce() {
        if (thread != null) return;
        thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("socket-watchdog"));
        thread.scheduleWithFixedDelay(this::closeOverdue, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        for (WatchedSocket socket : sockets) {
            try {
                socket.closeIfOverdue(now); // a volatile read unless the socket is overdue
            } catch (RuntimeException e) {
                // one socket's failure must not stop the watch over the others
                sockets.remove(socket);
            }
        }
    }
}
