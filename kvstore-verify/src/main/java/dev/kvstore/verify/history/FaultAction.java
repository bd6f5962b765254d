package dev.kvstore.verify.history;

/** What the nemesis did to a process; the first three inject a fault, the others heal one or say why not. */
public enum FaultAction {
    KILL_REPLICA(true),
    PAUSE_REPLICA(true),
    KILL_COORDINATOR(true),
    RESUME_REPLICA(false),
    RESTART_COORDINATOR(false),
    SKIPPED(false);

    private final boolean injectsFault;

    FaultAction(boolean injectsFault) {
        this.injectsFault = injectsFault;
    }

    /** Whether this action injects a fault (and counts in the summary), rather than heals one. */
    public boolean injectsFault() {
        return injectsFault;
    }

    /** {@code kill-replica}, {@code pause-replica}, ... */
    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
