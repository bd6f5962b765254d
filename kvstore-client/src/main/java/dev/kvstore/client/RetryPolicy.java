package dev.kvstore.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How often and how patiently a client retries a write that was aborted ({@code
 * TransactionAbortedException}): exponential backoff with jitter, bounded by {@code maxRetries}.
 * Immutable; pure (the caller supplies the randomness).
 *
 * @param maxRetries retries after the first attempt; 0 never retries
 * @param initialBackoff the delay before the first retry, before jitter
 * @param maxBackoff the cap on any delay, before jitter
 * @param jitter the fraction of each delay that is random, in [0, 1]: 0 waits exactly the
 *     exponential delay, 1 waits anywhere in [0, delay) ("full jitter")
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double jitter) {
    /** Three retries from 50 ms, capped at 1 s, half of each delay random. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1), 0.5);

    /** Never retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), 0);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries is not negative: " + maxRetries);
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff is positive: " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is less than initialBackoff " + initialBackoff);
        }
        if (!(jitter >= 0 && jitter <= 1)) throw new IllegalArgumentException("jitter is in [0, 1]: " + jitter);
    }

    /** The same policy with {@code maxRetries} retries. */
    public RetryPolicy withMaxRetries(int retries) {
        return new RetryPolicy(retries, initialBackoff, maxBackoff, jitter);
    }

    /**
     * The delay before retry number {@code retry} (1 for the first retry): {@code initialBackoff *
     * 2^(retry-1)}, capped at {@code maxBackoff}, of which the fraction {@code jitter} is drawn
     * from {@code random}.
     */
    public Duration backoff(int retry, Random random) {
        if (retry < 1) throw new IllegalArgumentException("retries count from 1: " + retry);
        long initial = initialBackoff.toNanos();
        long cap = maxBackoff.toNanos();
        // Shift no further than the cap allows, so the exponential never overflows.
        int shift = Math.min(retry - 1, 62);
        long exponential = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
        double fixedPart = exponential * (1 - jitter);
        double randomPart = exponential * jitter * random.nextDouble();
        return Duration.ofNanos(Math.round(fixedPart + randomPart));
    }
}
