package dev.kvstore.rmi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes {@link WatchedSocket}s whose connect or read has outlasted its bound. One per JVM; it
 * looks on the {@link Housekeeper}'s thread every {@value Housekeeper#PERIOD_MILLIS} ms, so a
 * bound is kept to within that. Thread-safe.
 */
final class SocketWatchdog {
    private static final SocketWatchdog SHARED = new SocketWatchdog();

    static {
        Housekeeper.shared().every(SHARED::closeOverdue);
    }

    private final Set<WatchedSocket> sockets = ConcurrentHashMap.newKeySet();

    static SocketWatchdog shared() {
        return SHARED;
    }

    void watch(WatchedSocket socket) {
        sockets.add(socket);
    }

    void forget(WatchedSocket socket) {
        sockets.remove(socket);
    }

    /** Whether {@code socket} is still watched: from its creation until it is closed. */
    boolean watches(WatchedSocket socket) {
        return sockets.contains(socket);
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
