package dev.kvstore.verify.history;

import java.util.ArrayList;
import java.util.List;

/** Builds hand-made histories for tests: times are plain numbers, ids count up. Not thread-safe. */
public final class Ops {
    private final List<Operation> ops = new ArrayList<>();
    private String process = "c1";

    public static Ops history() {
        return new Ops();
    }

    /** Operations added next are issued by {@code name}. */
    public Ops by(String name) {
        this.process = name;
        return this;
    }

    public Ops put(String key, String value, long invoke, long complete) {
        return add(OpType.PUT, key, value, Outcome.OK, null, null, invoke, complete, null);
    }

    public Ops get(String key, String read, long invoke, long complete) {
        return add(OpType.GET, key, null, Outcome.OK, read, null, invoke, complete, null);
    }

    public Ops delete(String key, boolean existed, long invoke, long complete) {
        return add(OpType.DELETE, key, null, Outcome.OK, null, existed, invoke, complete, null);
    }

    /** A put whose outcome the client never learned. */
    public Ops putUnknown(String key, String value, long invoke, long gaveUp) {
        return add(OpType.PUT, key, value, Outcome.INFO, null, null, invoke, gaveUp, "timed out");
    }

    public Ops deleteUnknown(String key, long invoke, long gaveUp) {
        return add(OpType.DELETE, key, null, Outcome.INFO, null, null, invoke, gaveUp, "timed out");
    }

    public Ops putFailed(String key, String value, long invoke, long complete) {
        return add(OpType.PUT, key, value, Outcome.FAIL, null, null, invoke, complete, "aborted");
    }

    public Ops getFailed(String key, long invoke, long complete) {
        return add(OpType.GET, key, null, Outcome.FAIL, null, null, invoke, complete, "timed out");
    }

    public Ops add(OpType type, String key, String value, Outcome outcome, String read, Boolean existed, long invoke,
            long complete, String error) {
        ops.add(new Operation(ops.size() + 1, process, 1111, type, key, value, outcome, read, existed, invoke, complete, error));
        return this;
    }

    public List<Operation> list() {
        return List.copyOf(ops);
    }

    public Operation last() {
        return ops.get(ops.size() - 1);
    }
}
