package dev.kvstore.bench.authcost;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Credential;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.ClusterSecret;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Times the per-call credential check on one thread, in process: a caller's
 * {@link CallAuthenticator#signBody} and a callee's {@link CallAuthenticator#admitBody} under a shared
 * secret, as the replicas and the coordinator do on every peer and coordinator call. No RMI, no
 * serialization: only what authentication adds to a call's CPU. Time, for the figures and for
 * the length of the warm-up and the measurement, is this thread's CPU time where the JVM
 * measures it, so that other work on a loaded machine neither counts nor shortens the warm-up;
 * wall-clock time otherwise ({@link #clock()} says which). Not thread-safe.
 */
public final class AuthCostBenchmark {
    /**
     * Credentials signed, then checked, per timed batch: large enough that reading the clock is
     * noise, small enough that a batch is checked well within {@link #WINDOW} of its signing.
     */
    static final int BATCH = 256;
    /**
     * The callee's freshness window. The callee remembers every nonce for this long; at this
     * loop's rate the default 30 s would pile up tens of millions, where a replica holds about
     * 30 s of its own calls. One second here keeps a few hundred thousand, the same order.
     */
    static final Duration WINDOW = Duration.ofSeconds(1);
    /** A phase of CPU time T ends after at most this many times T of wall-clock time, however busy the machine. */
    static final int WALL_CLOCK_CAP = 10;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final boolean cpuTime = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    private final CallAuthenticator caller;
    private final CallAuthenticator callee;

    private AuthCostBenchmark(ClusterSecret secret) {
        this.caller = new CallAuthenticator(secret, "replica " + SampleCall.PROPOSER, WINDOW, System::currentTimeMillis);
        this.callee = new CallAuthenticator(secret, "replica 127.0.0.1:2222", WINDOW, System::currentTimeMillis);
    }

    /** A benchmark under a fresh random 32-byte secret, like the one the coordinator creates. */
    public static AuthCostBenchmark withRandomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new AuthCostBenchmark(ClusterSecret.of(key));
    }

    /** What the figures count: "CPU time" of this thread, or "wall-clock time". */
    public String clock() {
        return cpuTime ? "CPU time" : "wall-clock time";
    }

    /**
     * Signs and checks {@code call} for {@code warmup} unrecorded, then for {@code duration} (at
     * least one batch) recorded, each in {@link #clock()} and capped at {@link #WALL_CLOCK_CAP}
     * times as much wall-clock time.
     */
    public AuthCost measure(SampleCall call, Duration warmup, Duration duration) {
        if (!warmup.isZero()) run(call, warmup);
        return run(call, duration);
    }

    private AuthCost run(SampleCall call, Duration duration) {
        byte[] body = call.body();
        Credential[] batch = new Credential[BATCH];
        long signNanos = 0;
        long verifyNanos = 0;
        long calls = 0;
        long end = elapsed() + duration.toNanos();
        long wallClockEnd = System.nanoTime() + duration.toNanos() * WALL_CLOCK_CAP;
        do {
            long started = elapsed();
            for (int i = 0; i < BATCH; i++) batch[i] = caller.signBody(call.method(), body);
            long signed = elapsed();
            for (int i = 0; i < BATCH; i++) admit(call, batch[i], body);
            long checked = elapsed();
            signNanos += signed - started;
            verifyNanos += checked - signed;
            calls += BATCH;
        } while (elapsed() - end < 0 && System.nanoTime() - wallClockEnd < 0);
        return new AuthCost(call, calls, signNanos, verifyNanos);
    }

    private long elapsed() {
        return cpuTime ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private void admit(SampleCall call, Credential credential, byte[] body) {
        try {
            callee.admitBody(call.method(), credential, body);
        } catch (AuthenticationException e) {
            // Same secret, fresh nonce, within the window: a refusal here is a bug, not a measurement.
            throw new IllegalStateException("the callee refused a credential the caller had just signed: " + e.getMessage(), e);
        }
    }
}
