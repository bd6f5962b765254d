package dev.kvstore.coordinator.membership;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.api.protocol.Heartbeat;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.View;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's record of every replica's state, and the epoch that grows with every change.
 * Replicas report by heartbeat; one that stops reporting, or that a proposer names as a suspect,
 * is DOWN and must catch up before it is UP again. Not thread-safe: the coordinator calls it under
 * its decide lock. Time is passed in, in nanoseconds of a monotonic clock.
 */
public final class Membership {
    private static final Logger log = LoggerFactory.getLogger(Membership.class);

    private static final long UNKNOWN_PID = -1;

    private final long expiryNanos;
    private final Map<ReplicaId, Member> members = new TreeMap<>();
    private long epoch;

    /**
     * @param firstEpoch the epoch to start from; a restarted coordinator starts above any epoch it
     *     handed out before, so replicas take its views as newer
     */
    public Membership(long firstEpoch, long expiryNanos) {
        this.epoch = firstEpoch;
        this.expiryNanos = expiryNanos;
    }

    /**
     * Records a heartbeat and returns the state the coordinator holds for the replica. An unknown
     * replica is registered; after a coordinator restart, one that reports UP with every decision
     * applied ({@code appliedSeq == lastSeq}) is UP at once, any other must catch up.
     */
    public ReplicaState onHeartbeat(Heartbeat hb, long now, long lastSeq) {
        Member m = members.get(hb.replica());
        if (m == null) {
            ReplicaState initial = hb.state() == ReplicaState.UP
                    ? (hb.appliedSeq() == lastSeq ? ReplicaState.UP : ReplicaState.DOWN)
                    : hb.state();
            m = new Member(hb.replica(), initial, hb.pid(), hb.appliedSeq(), now);
            members.put(hb.replica(), m);
            change(m.replica, null, initial, "registered");
            return initial;
        }
        m.lastHeartbeat = now;
        m.appliedSeq = hb.appliedSeq();
        // A member registered by its join has no pid yet (-1): its first heartbeat is no restart.
        boolean restarted = m.pid != UNKNOWN_PID && m.pid != hb.pid();
        m.pid = hb.pid();
        if (restarted && hb.state() != ReplicaState.UP) {
            set(m, hb.state(), "restarted");
        } else if (m.state != ReplicaState.UP && hb.state() != ReplicaState.UP && m.state != hb.state()) {
            set(m, hb.state(), "reported " + hb.state());
        }
        // An UP member reporting otherwise with the same pid sent that heartbeat before its join
        // was accepted: stale, ignored. A DOWN member reporting UP learns from the reply to catch up.
        return m.state;
    }

    /** Marks DOWN every replica that has not reported within the expiry. */
    public void expire(long now) {
        for (Member m : members.values()) {
            if (m.state != ReplicaState.DOWN && now - m.lastHeartbeat > expiryNanos) {
                set(m, ReplicaState.DOWN, "no heartbeat");
            }
        }
    }

    /** Marks the suspects DOWN; they must catch up before they are UP again. */
    public void markDown(Collection<ReplicaId> suspects, String why) {
        for (ReplicaId id : suspects) {
            Member m = members.get(id);
            if (m != null && m.state != ReplicaState.DOWN) set(m, ReplicaState.DOWN, why);
        }
    }

    /** Marks a replica UP after its join; registers it if this coordinator does not know it yet. */
    public void markUp(ReplicaId replica, long now, long appliedSeq) {
        Member m = members.computeIfAbsent(replica, id -> new Member(id, ReplicaState.CATCHING_UP, UNKNOWN_PID, appliedSeq, now));
        m.lastHeartbeat = now;
        m.appliedSeq = appliedSeq;
        if (m.state != ReplicaState.UP) set(m, ReplicaState.UP, "joined");
    }

    public boolean isUp(ReplicaId replica) {
        Member m = members.get(replica);
        return m != null && m.state == ReplicaState.UP;
    }

    public Set<ReplicaId> up() {
        return members.values().stream()
                .filter(m -> m.state == ReplicaState.UP)
                .map(m -> m.replica)
                .collect(Collectors.toUnmodifiableSet());
    }

    public long epoch() {
        return epoch;
    }

    public View view() {
        List<MemberStatus> list = new ArrayList<>(members.size());
        for (Member m : members.values()) list.add(new MemberStatus(m.replica, m.state, m.appliedSeq, m.pid));
        return new View(epoch, list);
    }

    private void set(Member m, ReplicaState next, String why) {
        ReplicaState previous = m.state;
        m.state = next;
        change(m.replica, previous, next, why);
    }

    private void change(ReplicaId replica, ReplicaState from, ReplicaState to, String why) {
        epoch++;
        log.info("replica {} changes from {} to {} ({}) at epoch {}", replica, from, to, why, epoch);
    }

    private static final class Member {
        final ReplicaId replica;
        ReplicaState state;
        long pid;
        long appliedSeq;
        long lastHeartbeat;

        Member(ReplicaId replica, ReplicaState state, long pid, long appliedSeq, long lastHeartbeat) {
            this.replica = replica;
            this.state = state;
            this.pid = pid;
            this.appliedSeq = appliedSeq;
            this.lastHeartbeat = lastHeartbeat;
        }
    }
}
