package dev.kvstore.rmi;

import java.rmi.RemoteException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs remote calls under a deadline. RMI's own timeouts do not bound a call to a paused server
 * (each pooled connection is pinged before reuse, one read timeout each), so every remote call in
 * KVStore goes through here. Thread-safe.
 */
public final class RemoteCalls implements AutoCloseable {
    /** A remote call that may throw its own checked exception besides {@link RemoteException}. */
    @FunctionalInterface
    public interface RemoteCall<T, E extends Exception> {
        T call() throws RemoteException, E;
    }

    private final Duration timeout;
    private final ExecutorService executor;

    public RemoteCalls(Duration timeout, String threadName) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout is positive: " + timeout);
        this.timeout = timeout;
        // Unbounded but short-lived: a timed-out call's thread is released when RMI's own read timeout fires.
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.numbered(threadName));
    }

    public Duration timeout() {
        return timeout;
    }

    /** Runs {@code call} and waits at most the timeout; on expiry throws {@link CallTimedOutException}. */
    public <T, E extends Exception> T call(String what, RemoteCall<T, E> call) throws RemoteException, E {
        return call(what, timeout, call);
    }

    /** Like {@link #call(String, RemoteCall)}, for a call known to take longer than the usual timeout. */
    public <T, E extends Exception> T call(String what, Duration deadline, RemoteCall<T, E> call) throws RemoteException, E {
        Future<T> future = submit(call);
        return await(what, future, deadline.toNanos());
    }

    /** Starts {@code call} without waiting; pair with {@link #await}. */
    public <T, E extends Exception> Future<T> submit(RemoteCall<T, E> call) {
        return executor.submit(call::call);
    }

    /** Waits for a submitted call until {@code deadlineNanos} from now; cancels it on expiry. */
    @SuppressWarnings("unchecked")
    public <T, E extends Exception> T await(String what, Future<T> future, long remainingNanos) throws RemoteException, E {
        try {
            return future.get(Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CallTimedOutException(what + " did not answer within " + TimeUnit.NANOSECONDS.toMillis(remainingNanos) + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RemoteException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RemoteException remote) throw remote;
            if (cause instanceof RuntimeException runtime) throw runtime;
            if (cause instanceof Error error) throw error;
            throw (E) cause;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
