package dev.kvstore.api.protocol;

import dev.kvstore.api.ReplicaState;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The membership view: every known replica with its state, at an epoch that grows with every change. */
public record View(long epoch, List<MemberStatus> members) implements Serializable {
    public static final View EMPTY = new View(0, List.of());

    public View {
        members = List.copyOf(members);
    }

    /** The replicas that are UP: every commit must include all of them. */
    public Set<ReplicaId> up() {
        return members.stream()
                .filter(m -> m.state() == ReplicaState.UP)
                .map(MemberStatus::replica)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The state of {@code replica} in this view, or DOWN when the view does not know it. */
    public ReplicaState stateOf(ReplicaId replica) {
        return members.stream()
                .filter(m -> m.replica().equals(replica))
                .map(MemberStatus::state)
                .findFirst()
                .orElse(ReplicaState.DOWN);
    }
}
