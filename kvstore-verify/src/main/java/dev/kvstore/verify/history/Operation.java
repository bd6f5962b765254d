package dev.kvstore.verify.history;

import java.util.Objects;

/**
 * One completed client operation on one key, with its invocation and completion times on the
 * recording JVM's monotonic clock (nanoseconds since the history began). Immutable.
 *
 * @param id unique within the history, in recording order
 * @param process who issued it: {@code c3} for client 3, {@code final} or {@code liveness} for the checks
 * @param node the port of the replica it was sent to
 * @param value the value a PUT wrote, otherwise null
 * @param readValue what an OK GET returned (null: the key was absent), otherwise null
 * @param existed what an OK DELETE returned, otherwise null
 * @param error the error's class and message when the outcome is not OK, otherwise null
 */
public record Operation(
        long id,
        String process,
        int node,
        OpType type,
        String key,
        String value,
        Outcome outcome,
        String readValue,
        Boolean existed,
        long invokeNanos,
        long completeNanos,
        String error) {
    public Operation {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        if (type == OpType.PUT && value == null) throw new IllegalArgumentException("a put writes a value");
        if (type == OpType.DELETE && outcome == Outcome.OK && existed == null) {
            throw new IllegalArgumentException("an ok delete says whether the key existed");
        }
        if (completeNanos < invokeNanos) {
            throw new IllegalArgumentException("operation " + id + " completes before it is invoked");
        }
    }

    /** A short human-readable form: {@code c3@40123 put k1 c3-17 -> ok}. */
    public String describe() {
        String args = switch (type) {
            case PUT -> key + " " + value;
            case GET, DELETE -> key;
        };
        String result = switch (outcome) {
            case OK -> switch (type) {
                case GET -> "ok " + (readValue == null ? "(absent)" : readValue);
                case DELETE -> "ok " + existed;
                case PUT -> "ok";
            };
            case FAIL -> "fail (" + error + ")";
            case INFO -> "info (" + error + ")";
        };
        return process + "@" + node + " " + type.jsonName() + " " + args + " -> " + result;
    }
}
