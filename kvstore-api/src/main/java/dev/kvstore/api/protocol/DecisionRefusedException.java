package dev.kvstore.api.protocol;

import dev.kvstore.api.KVException;

/**
 * The coordinator refused to commit: the participants do not cover the replicas that are UP, the
 * proposer is not UP, or the transaction was already decided ABORT. Nothing was logged; the
 * proposer aborts and may retry with {@link #view()}.
 */
public class DecisionRefusedException extends KVException {
    private static final long serialVersionUID = 1L;

    private final View view;

    public DecisionRefusedException(String reason, View view) {
        super(reason);
        this.view = view;
    }

    /** The coordinator's current view, for a retry. */
    public View view() {
        return view;
    }
}
