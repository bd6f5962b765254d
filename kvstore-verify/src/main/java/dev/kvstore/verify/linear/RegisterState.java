package dev.kvstore.verify.linear;

import java.util.Objects;

/**
 * The state of one key in the register model: absent, a known value, present with a value no read
 * ever returned (such values are interchangeable, which keeps the search small), or any state at all
 * (the start of a window cut out of a longer history). Immutable.
 */
public record RegisterState(Kind kind, String value) {
    /** The four kinds of state; only {@link Kind#VALUE} carries a value. */
    public enum Kind { ABSENT, VALUE, PRESENT_UNREAD, ANY }

    public static final RegisterState ABSENT = new RegisterState(Kind.ABSENT, null);
    public static final RegisterState PRESENT_UNREAD = new RegisterState(Kind.PRESENT_UNREAD, null);
    public static final RegisterState ANY = new RegisterState(Kind.ANY, null);

    public RegisterState {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.VALUE) != (value != null)) throw new IllegalArgumentException("only a VALUE state carries a value");
    }

    /** The state a read returning {@code value} observes: absent for null. */
    public static RegisterState of(String value) {
        return value == null ? ABSENT : new RegisterState(Kind.VALUE, value);
    }

    /** Whether a delete would find the key; undefined for {@link #ANY}. */
    public boolean isPresent() {
        return kind == Kind.VALUE || kind == Kind.PRESENT_UNREAD;
    }

    @Override
    public String toString() {
        return kind == Kind.VALUE ? value : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
