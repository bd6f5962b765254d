package dev.kvstore.api;

/**
 * The lifecycle of a replica, as the coordinator records it.
 *
 * <p>Legal transitions: {@code STARTING -> CATCHING_UP -> UP}, {@code UP -> DOWN}, {@code DOWN ->
 * CATCHING_UP}, and any state {@code -> DOWN} when the replica stops answering. No state is
 * terminal: a DOWN replica that comes back catches up and is UP again.
 */
public enum ReplicaState {
    /** Registered, has not begun loading the store. */
    STARTING,
    /** Loading the snapshot and the decisions after it; serves nothing yet. */
    CATCHING_UP,
    /** Has applied every committed transaction; serves reads and takes part in every commit. */
    UP,
    /** Absent: crashed, paused, or suspected by a proposer. Not waited for. */
    DOWN;

    /** Whether the replica answers GETs and proposes writes in this state. */
    public boolean serves() {
        return this == UP;
    }
}
