package dev.kvstore.verify.linear;

import dev.kvstore.verify.history.Operation;

/**
 * One operation as the search sees it: what it does to the register, its call and return times, and
 * the operation it came from. An operation of unknown outcome returns at {@link #NEVER}: it may take
 * effect at any time after its call, or never. Immutable.
 *
 * @param index 0..n-1 within the checked history, the bit it takes in the search's linearized set
 * @param written the state a WRITE leaves
 * @param read the value a READ returned (null: absent)
 * @param existed what a DELETE returned; null when unknown
 */
public record LinearOp(int index, Kind kind, RegisterState written, String read, Boolean existed, long call, long ret, Operation source) {
    /** What the operation does to the register. */
    public enum Kind { READ, WRITE, DELETE }

    /** The return time of an operation whose outcome is unknown. */
    public static final long NEVER = Long.MAX_VALUE;

    public boolean returns() {
        return ret != NEVER;
    }

    /** Whether the operation's legality depends on the state: a read, or a delete whose answer is known. */
    public boolean observes() {
        return kind == Kind.READ || (kind == Kind.DELETE && existed != null);
    }
}
