package dev.kvstore.verify.check;

/** What a checker concluded: the property holds, it is violated, or the checker could not tell (out of time). */
public enum Verdict {
    PASS,
    FAIL,
    UNKNOWN;

    /** The worse of two verdicts: FAIL over UNKNOWN over PASS. */
    public Verdict and(Verdict other) {
        return this.ordinal() >= other.ordinal() ? this : other;
    }
}
