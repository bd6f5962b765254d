package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.ReplicaId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts the prepare results of one transaction. One ABORT vote settles it; absent participants
 * are not counted but named, so the coordinator can mark them DOWN.
 */
public final class VoteTally {
    public enum Outcome { COMMIT, ABORT }

    private final Set<ReplicaId> yes = new HashSet<>();
    private final Set<ReplicaId> absent = new HashSet<>();
    private String abortReason;

    private VoteTally() {}

    public static VoteTally of(Map<ReplicaId, PrepareResult> results) {
        VoteTally tally = new VoteTally();
        results.forEach((replica, result) -> {
            if (result instanceof PrepareResult.Voted voted) {
                if (voted.vote().commit()) {
                    tally.yes.add(replica);
                } else if (tally.abortReason == null) {
                    tally.abortReason = voted.vote().reason();
                }
            } else {
                tally.absent.add(replica);
            }
        });
        return tally;
    }

    public Outcome outcome() {
        return abortReason == null ? Outcome.COMMIT : Outcome.ABORT;
    }

    /** The participants that voted COMMIT. */
    public Set<ReplicaId> yes() {
        return Set.copyOf(yes);
    }

    public Set<ReplicaId> absent() {
        return Set.copyOf(absent);
    }

    public String abortReason() {
        return abortReason;
    }
}
