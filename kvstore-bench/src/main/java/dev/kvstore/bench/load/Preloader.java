package dev.kvstore.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Writes every key once before a benchmark, from a few threads in parallel, each on its own stride of keys. */
public final class Preloader {
    /** Writes one key (retries are its own business); closed when its thread is done. */
    @FunctionalInterface
    public interface KeyWriter {
        void write(int key) throws Exception;

        /** Releases what the writer holds; never throws. */
        default void close() {}
    }

    /** Opens one {@link KeyWriter} per loading thread. */
    @FunctionalInterface
    public interface WriterFactory {
        KeyWriter open(int thread) throws Exception;
    }

    private Preloader() {}

    /** Writes keys {@code 0..keys-1} using {@code threads} writers; throws the first failure. */
    public static void load(int keys, int threads, WriterFactory writers) throws Exception {
        int n = Math.max(1, Math.min(threads, keys));
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    KeyWriter writer = writers.open(thread);
                    try {
                        for (int key = thread; key < keys; key += n) writer.write(key);
                    } finally {
                        writer.close();
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception c ? c : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
