package dev.kvstore.rmi;

import dev.kvstore.api.InvalidRequestException;
import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
import java.rmi.RemoteException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Concurrent GETs to one replica share one call. A thread that finds no call under way makes
 * its own at once, alone, with {@link KVStore#get}: a lone reader gains no thread hand-off.
 * Threads that arrive while a call is under way queue; when it returns, its caller hands the
 * next call to the first of them, which takes along everything queued ({@link KVStore#getMany},
 * up to its limit). So every reader's thread is woken once, with its answer or to make the next
 * call, and with many readers one call carries many keys.
 *
 * <p>Each reader still gets what its own {@code get} would have answered. A key that a prepared
 * transaction holds ({@link KVStore#HELD}) is read again alone, with {@code get}, which waits for
 * the outcome, so no key holds back the others; a call refused as invalid (one bad key) is
 * asked again key by key, so each reader hears about its own key; any other failure of a call
 * is every one of its readers' failure. A waiting reader ignores interrupts until its answer
 * arrives (the call ahead of it is bounded by the stub's socket timeout) and keeps the
 * interrupt. Thread-safe.
 */
public final class SharedReads {
    private final KVStore stub;
    private final ArrayDeque<Reader> waiting = new ArrayDeque<>(); // guarded by this
    private boolean callUnderWay; // guarded by this

    public SharedReads(KVStore stub) {
        this.stub = stub;
    }

    /** The value of {@code key}, or null when it is absent, as {@link KVStore#get} answers. */
    public String get(String key) throws RemoteException, KVException {
        Reader me = new Reader(key, Thread.currentThread());
        synchronized (this) {
            if (callUnderWay) {
                waiting.add(me);
            } else {
                callUnderWay = true;
                me.sends = true;
            }
        }
        if (!me.sends) awaitAnswerOrTurn(me);
        if (me.sends) send(me);
        return me.answer();
    }

    /** Makes one call for {@code sender} and everything queued behind it, then hands on the turn. */
    private void send(Reader sender) {
        List<Reader> call = takeQueued(sender);
        try {
            if (call.size() == 1) {
                sender.value = stub.get(sender.key);
            } else {
                String[] keys = new String[call.size()];
                for (int i = 0; i < keys.length; i++) keys[i] = call.get(i).key;
                String[] values = stub.getMany(keys);
                if (values.length != keys.length) {
                    throw new IllegalStateException(values.length + " values for " + keys.length + " keys");
                }
                for (int i = 0; i < keys.length; i++) call.get(i).value = values[i];
            }
        } catch (InvalidRequestException refused) {
            if (call.size() == 1) {
                sender.failure = refused;
            } else {
                for (Reader r : call) r.askAlone = true;
            }
        } catch (Exception | Error failed) { // whatever it is, the readers hear it and the turn goes on
            for (Reader r : call) r.failure = failed;
        }
        Reader next = handOnTheTurn();
        for (Reader r : call) {
            if (r != sender) r.answered();
        }
        if (next != null) next.takeTheTurn();
    }

    private synchronized List<Reader> takeQueued(Reader sender) {
        List<Reader> call = new ArrayList<>(Math.min(waiting.size() + 1, KVStore.MAX_KEYS_PER_GET_MANY));
        call.add(sender);
        while (!waiting.isEmpty() && call.size() < KVStore.MAX_KEYS_PER_GET_MANY) call.add(waiting.poll());
        return call;
    }

    /** The reader that makes the next call, or null (and no call under way) if none waits. */
    private synchronized Reader handOnTheTurn() {
        Reader next = waiting.poll();
        if (next == null) callUnderWay = false;
        return next;
    }

    private static void awaitAnswerOrTurn(Reader me) {
        boolean interrupted = false;
        while (!me.answered && !me.sends) {
            LockSupport.park(me);
            if (Thread.interrupted()) interrupted = true;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** One reader: its key, and what its call brought back. */
    private final class Reader {
        final String key;
        final Thread thread;
        // Set by the thread that makes the call before it sets answered or sends (volatile), read after.
        String value;
        Throwable failure;
        boolean askAlone;
        volatile boolean answered;
        volatile boolean sends;

        Reader(String key, Thread thread) {
            this.key = key;
            this.thread = thread;
        }

        void answered() {
            answered = true;
            LockSupport.unpark(thread);
        }

        void takeTheTurn() {
            sends = true;
            LockSupport.unpark(thread);
        }

        /** On the reader's own thread: the answer, asked again alone if the shared call could not give it. */
        String answer() throws RemoteException, KVException {
            if (failure instanceof RemoteException e) throw e;
            if (failure instanceof KVException e) throw e;
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
            if (failure != null) throw new IllegalStateException("the shared read failed", failure);
            if (askAlone || KVStore.HELD.equals(value)) return stub.get(key);
            return value;
        }
    }
}
