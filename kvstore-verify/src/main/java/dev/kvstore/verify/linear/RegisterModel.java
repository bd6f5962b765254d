package dev.kvstore.verify.linear;

import java.util.Set;

/**
 * The sequential specification of one key: put(v) sets it, get returns the value or absent, delete
 * removes it and says whether it was there. From {@link RegisterState#ANY} a read may return absent
 * or any of the values the caller allows (those written before the window). Immutable.
 */
public final class RegisterModel {
    private final Set<String> valuesBeforeWindow;

    /** The model for a whole history, which starts from {@link RegisterState#ABSENT}. */
    public static RegisterModel wholeHistory() {
        return new RegisterModel(Set.of());
    }

    /** The model for a window starting from {@link RegisterState#ANY}: the key may hold absent or one of {@code values}. */
    public static RegisterModel windowAfter(Set<String> values) {
        return new RegisterModel(values);
    }

    private RegisterModel(Set<String> valuesBeforeWindow) {
        this.valuesBeforeWindow = Set.copyOf(valuesBeforeWindow);
    }

    /** The state after {@code op} runs in {@code state}, or null when {@code op}'s recorded result is impossible there. */
    public RegisterState step(RegisterState state, LinearOp op) {
        boolean any = state.kind() == RegisterState.Kind.ANY;
        return switch (op.kind()) {
            case WRITE -> op.written();
            case READ -> {
                RegisterState seen = RegisterState.of(op.read());
                if (any) yield op.read() == null || valuesBeforeWindow.contains(op.read()) ? seen : null;
                yield state.equals(seen) ? state : null;
            }
            case DELETE -> {
                if (op.existed() != null && !any && state.isPresent() != op.existed()) yield null;
                yield RegisterState.ABSENT;
            }
        };
    }
}
