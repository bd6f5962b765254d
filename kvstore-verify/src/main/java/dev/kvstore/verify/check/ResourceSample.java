package dev.kvstore.verify.check;

/**
 * One reading of a process's resident memory and thread count, from {@code /proc/PID/status}.
 *
 * @param process {@code coordinator}, {@code replica:PORT} or {@code verifier}
 * @param rssKb VmRSS in KiB
 */
public record ResourceSample(long atNanos, String process, long pid, long rssKb, int threads) {}
