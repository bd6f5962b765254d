package dev.kvstore.verify.linear;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of unknown outcome in a history, indexed for {@link WglSearch}: which of them could
 * take effect just before a given observing operation and explain what it saw. Interchangeable ones
 * (deletes, and puts of values no read returned) are taken in call order only: any linearization can
 * be rearranged to use them in that order. Not thread-safe; owned by one search.
 */
final class UnknownWrites {
    private final Map<String, List<LinearOp>> putsByValue = new HashMap<>();
    private final List<LinearOp> readValuePuts = new ArrayList<>();
    private final List<LinearOp> unreadPuts = new ArrayList<>();
    private final List<LinearOp> deletes = new ArrayList<>();
    private int unreadPutsTaken;
    private int deletesTaken;

    UnknownWrites(List<LinearOp> ops) {
        List<LinearOp> byCall = new ArrayList<>(ops.stream().filter(op -> !op.returns()).toList());
        byCall.sort(Comparator.comparingLong(LinearOp::call).thenComparingInt(LinearOp::index));
        for (LinearOp op : byCall) {
            switch (op.kind()) {
                case WRITE -> {
                    if (op.written().kind() == RegisterState.Kind.VALUE) {
                        putsByValue.computeIfAbsent(op.written().value(), v -> new ArrayList<>()).add(op);
                        readValuePuts.add(op);
                    } else {
                        unreadPuts.add(op);
                    }
                }
                case DELETE -> deletes.add(op);
                case READ -> throw new IllegalArgumentException("a read of unknown outcome is dropped, not checked");
            }
        }
    }

    /**
     * The unknown writes, not yet linearized and called by {@code latestCall}, that could take effect
     * right before {@code observer} and change what it sees.
     */
    List<LinearOp> candidatesBefore(LinearOp observer, BitSet readValuePutsTaken, long latestCall) {
        List<LinearOp> out = new ArrayList<>();
        switch (observer.kind()) {
            case READ -> {
                if (observer.read() == null) {
                    addHead(out, deletes, deletesTaken, latestCall);
                } else {
                    addUnlinearized(out, putsByValue.getOrDefault(observer.read(), List.of()), readValuePutsTaken, latestCall);
                }
            }
            case DELETE -> {
                if (Boolean.TRUE.equals(observer.existed())) {
                    addHead(out, unreadPuts, unreadPutsTaken, latestCall);
                    addUnlinearized(out, readValuePuts, readValuePutsTaken, latestCall);
                } else {
                    addHead(out, deletes, deletesTaken, latestCall);
                }
            }
            case WRITE -> { } // a put observes nothing: no unknown write before it could matter
        }
        return out;
    }

    /** Notes that the search linearized {@code op} (one of the candidates it was given). */
    void taken(LinearOp op) {
        if (isUnreadPut(op)) unreadPutsTaken++;
        else if (op.kind() == LinearOp.Kind.DELETE) deletesTaken++;
    }

    /** Undoes {@link #taken} when the search backtracks. */
    void untaken(LinearOp op) {
        if (isUnreadPut(op)) unreadPutsTaken--;
        else if (op.kind() == LinearOp.Kind.DELETE) deletesTaken--;
    }

    int unreadPutsTaken() {
        return unreadPutsTaken;
    }

    int deletesTaken() {
        return deletesTaken;
    }

    /** Whether {@code op} is an unknown put whose value some read returned (tracked one by one, not as a chain). */
    static boolean isReadValuePut(LinearOp op) {
        return op.kind() == LinearOp.Kind.WRITE && op.written().kind() == RegisterState.Kind.VALUE;
    }

    private static boolean isUnreadPut(LinearOp op) {
        return op.kind() == LinearOp.Kind.WRITE && op.written().kind() != RegisterState.Kind.VALUE;
    }

    private static void addHead(List<LinearOp> out, List<LinearOp> chain, int taken, long latestCall) {
        if (taken < chain.size() && chain.get(taken).call() <= latestCall) out.add(chain.get(taken));
    }

    private static void addUnlinearized(List<LinearOp> out, List<LinearOp> ops, BitSet taken, long latestCall) {
        for (LinearOp op : ops) {
            if (op.call() > latestCall) break;
            if (!taken.get(op.index())) out.add(op);
        }
    }
}
