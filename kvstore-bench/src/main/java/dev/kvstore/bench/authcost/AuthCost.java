package dev.kvstore.bench.authcost;

/**
 * What {@link AuthCostBenchmark} measured for one {@link SampleCall}: how many credentials were
 * signed and checked, and the nanoseconds spent on each side in all.
 */
public record AuthCost(SampleCall call, long calls, long signNanos, long verifyNanos) {
    public AuthCost {
        if (call == null) throw new IllegalArgumentException("call is required");
        if (calls < 1) throw new IllegalArgumentException("at least one call is measured, got " + calls);
    }

    /** The caller's cost of one call: signing its credential. */
    public double signNanosPerCall() {
        return (double) signNanos / calls;
    }

    /** The callee's cost of one call: checking the credential ({@code admit}). */
    public double verifyNanosPerCall() {
        return (double) verifyNanos / calls;
    }

    /** Both ends of one call: the CPU a signed call costs the cluster. */
    public double totalNanosPerCall() {
        return signNanosPerCall() + verifyNanosPerCall();
    }
}
