package dev.kvstore.verify.linear;

import dev.kvstore.verify.check.Verdict;

/**
 * The linearizability verdict on one key: how many operations were checked, and for a violation the
 * failing window (null otherwise, or when the search ran out of time before finding one). Immutable.
 */
public record KeyVerdict(String key, Verdict verdict, int operationsChecked, long configurations, FailingWindow window, String note) {}
