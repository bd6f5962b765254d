package dev.kvstore.verify.history;

import java.util.Objects;

/**
 * One action of the nemesis, at a time on the same clock as the operations. Immutable.
 *
 * @param target {@code replica:PORT} or {@code coordinator:PORT}
 * @param pid the process signalled, or -1
 * @param note why it was skipped, or any other detail; may be empty
 */
public record FaultEvent(long id, FaultAction action, String target, long pid, long atNanos, String note) {
    public FaultEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        note = note == null ? "" : note;
    }

    public String describe() {
        return action.jsonName() + " " + target + (pid > 0 ? " pid " + pid : "") + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
