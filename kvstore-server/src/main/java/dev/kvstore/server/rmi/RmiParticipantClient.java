package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.txn.ParticipantClient;
import dev.kvstore.server.txn.PrepareResult;
import java.rmi.RemoteException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parallel fan-out of two-phase commit: the local participant is called in-process, every
 * peer over RMI in parallel, all under one deadline. A peer that fails or does not answer in time
 * is absent, never an error. Thread-safe.
 */
public final class RmiParticipantClient implements ParticipantClient, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RmiParticipantClient.class);

    @FunctionalInterface
    private interface PeerCall<T> {
        T apply(dev.kvstore.api.protocol.Participant peer) throws RemoteException, AuthenticationException;
    }

    private final ReplicaNode local;
    private final RemoteCalls calls;
    private final CallAuthenticator auth;
    private final PeerStubs peers;

    public RmiParticipantClient(ReplicaNode local, RemoteCalls calls, CallAuthenticator auth) {
        this.local = local;
        this.calls = calls;
        this.auth = auth;
        this.peers = new PeerStubs(calls);
    }

    @Override
    public Map<ReplicaId, PrepareResult> prepareAll(Set<ReplicaId> targets, Prepare prepare) {
        Map<ReplicaId, PrepareResult> results = new HashMap<>();
        Map<ReplicaId, Object> outcomes = fanOut(targets, p -> p.prepare(prepare, auth.sign("prepare", prepare)), () -> local.prepare(prepare));
        outcomes.forEach((target, outcome) -> results.put(target, outcome instanceof Vote vote
                ? PrepareResult.voted(vote)
                : PrepareResult.absent(String.valueOf(outcome))));
        return results;
    }

    @Override
    public Set<ReplicaId> commitAll(Set<ReplicaId> targets, TxId txId, long seq) {
        Map<ReplicaId, Object> answers = fanOut(targets, p -> {
            p.commit(txId, seq, auth.sign("commit", txId, seq));
            return Boolean.TRUE;
        }, () -> {
            local.commit(txId, seq);
            return Boolean.TRUE;
        });
        Set<ReplicaId> unconfirmed = new HashSet<>();
        answers.forEach((target, answer) -> {
            if (!Boolean.TRUE.equals(answer)) unconfirmed.add(target);
        });
        return unconfirmed;
    }

    @Override
    public void abortAll(Set<ReplicaId> targets, TxId txId) {
        fanOut(targets, p -> {
            p.abort(txId, auth.sign("abort", txId));
            return Boolean.TRUE;
        }, () -> {
            local.abort(txId);
            return Boolean.TRUE;
        });
    }

    /**
     * Calls every remote target in parallel and the local one in-process, then waits for all under
     * one deadline. Returns each target's answer, or the failure's description when it has none.
     */
    private <T> Map<ReplicaId, Object> fanOut(Set<ReplicaId> targets, PeerCall<T> remote, java.util.function.Supplier<T> self) {
        long deadline = System.nanoTime() + calls.timeout().toNanos();
        Map<ReplicaId, Future<T>> pending = new HashMap<>();
        for (ReplicaId target : targets) {
            if (target.equals(local.self())) continue;
            pending.put(target, calls.<T, AuthenticationException>submit(() -> remote.apply(peers.get(target))));
        }
        Map<ReplicaId, Object> answers = new HashMap<>();
        if (targets.contains(local.self())) answers.put(local.self(), self.get());
        pending.forEach((target, future) -> {
            try {
                answers.put(target, calls.<T, AuthenticationException>await("call to " + target, future, deadline - System.nanoTime()));
            } catch (RemoteException | AuthenticationException | RuntimeException e) {
                peers.invalidate(target);
                log.debug("peer {} absent: {}", target, e.toString());
                answers.put(target, e.toString());
            }
        });
        return answers;
    }

    @Override
    public void close() {
        calls.close();
    }
}
