package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.Abort;
import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Commit;
import dev.kvstore.api.protocol.ForwardReply;
import dev.kvstore.api.protocol.ForwardBatch;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.PeerBatch;
import dev.kvstore.api.protocol.PeerMessage;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.api.protocol.Write;
import dev.kvstore.rmi.Batcher;
import dev.kvstore.rmi.CallTimedOutException;
import dev.kvstore.rmi.DaemonThreads;
import dev.kvstore.rmi.Deadlines;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.txn.ParticipantClient;
import dev.kvstore.server.txn.PrepareResult;
import dev.kvstore.server.txn.Completions;
import java.io.InvalidObjectException;
import java.rmi.RemoteException;
import java.rmi.UnmarshalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out of two-phase commit: the local participant is called in-process, each peer through
 * its own {@link Batcher}, so concurrent transactions share one call per peer and a peer gets
 * this replica's messages in the order they were sent. A peer that fails or does not answer in
 * time is absent, never an error. Thread-safe.
 */
public final class RmiParticipantClient implements ParticipantClient, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RmiParticipantClient.class);
    /**
     * How long a commit or abort may wait for a prepare to ride along with. Until it arrives the
     * peer keeps the keys locked, so this is short next to the timeout; under load the channel
     * is busy anyway and it leaves with the next call.
     */
    static final Duration OUTCOME_LINGER = Duration.ofMillis(2);
    /**
     * How many forward calls may be under way to one replica at once. A forward call returns once
     * all its writes are over, a whole two-phase commit; with one channel, a write that arrives
     * just after a call left would wait for that round before its own began.
     */
    static final int FORWARD_CHANNELS = 2;

    private final ReplicaNode local;
    private final RemoteCalls calls;
    private final CallAuthenticator auth;
    private final PeerStubs peers;
    private final ExecutorService senders;
    private final ScheduledExecutorService lingerTimer;
    private final Map<ReplicaId, Batcher<PeerMessage, Vote>> channels = new ConcurrentHashMap<>();
    private final Map<ReplicaId, List<Batcher<List<Write>, ForwardReply>>> forwardChannels = new ConcurrentHashMap<>();
    private final AtomicInteger nextForwardChannel = new AtomicInteger();

    public RmiParticipantClient(ReplicaNode local, RemoteCalls calls, CallAuthenticator auth) {
        this.local = local;
        this.calls = calls;
        this.auth = auth;
        this.peers = new PeerStubs(calls);
        // One sending loop per peer, plus any abandoned while stuck on a paused peer: those hold
        // their thread until the socket's read timeout, so the pool must not be bounded.
        this.senders = Executors.newCachedThreadPool(DaemonThreads.numbered("peer-sender"));
        this.lingerTimer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("peer-linger"));
    }

    /**
     * Prepares here first, in process, and only then on the peers: a key this replica already
     * holds for another transaction dooms this one, so the peers are spared a prepare and an abort
     * (and do not lock its keys for nothing, which would abort others in turn). The result then
     * holds the local ABORT vote alone.
     */
    @Override
    public CompletableFuture<Map<ReplicaId, PrepareResult>> prepareAll(Set<ReplicaId> targets, Prepare prepare) {
        Map<ReplicaId, PrepareResult> results = new HashMap<>();
        if (targets.contains(local.self())) {
            Vote here = local.prepare(prepare);
            results.put(local.self(), PrepareResult.voted(here));
            if (!here.commit()) return CompletableFuture.completedFuture(results);
        }
        Map<ReplicaId, CompletableFuture<Vote>> pending = new HashMap<>();
        for (ReplicaId target : targets) {
            if (!target.equals(local.self())) pending.put(target, channel(target).submit(prepare));
        }
        if (pending.isEmpty()) return CompletableFuture.completedFuture(results);
        // One wait for all of them, so the proposer goes on once per prepare rather than once per peer.
        // A failed vote is read from its own future; one still running at the deadline is absent.
        CompletableFuture<Void> allIn = CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
                .exceptionally(failedVote -> null);
        return Deadlines.completeOnTimeout(allIn, null, calls.timeout().toNanos()).thenApply(ignored -> {
            pending.forEach((target, vote) -> results.put(target, resultOf(target, vote)));
            return results;
        });
    }

    @Override
    public void commitAll(Set<ReplicaId> targets, TxId txId, long seq) {
        if (targets.contains(local.self())) local.commit(txId, seq);
        sendToPeers(targets, new Commit(txId, seq));
    }

    @Override
    public void abortAll(Set<ReplicaId> targets, TxId txId) {
        if (targets.contains(local.self())) local.abort(txId);
        sendToPeers(targets, new Abort(txId));
    }

    /**
     * Forwards a client's write to {@code target} to propose, in one call with the writes other
     * clients forward there meanwhile; each is still its own transaction. The future completes
     * with the target's reply, which is {@link ForwardReply#declined} if the peer could not be
     * looked up or refused our credential (the write did not run). It fails with the call's
     * {@link RemoteException} ({@link dev.kvstore.rmi.Delivery} tells whether the write can have
     * run), or with {@link CallTimedOutException} after {@code RmiEndpoint.READ_TIMEOUT_FACTOR}
     * call timeouts, the socket's own bound for a call, as a forward lasts a whole transaction.
     */
    public CompletableFuture<ForwardReply> forward(ReplicaId target, List<Write> writes) {
        Batcher<List<Write>, ForwardReply> channel = forwardChannel(target);
        long deadlineNanos = calls.timeout().toNanos() * RmiEndpoint.READ_TIMEOUT_FACTOR;
        return Deadlines.orTimeout(channel.submit(writes), deadlineNanos)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(forwardFailure(target, channel, failure, deadlineNanos)));
    }

    @Override
    public void close() {
        lingerTimer.shutdownNow();
        senders.shutdownNow();
        calls.close();
    }

    /**
     * Sends an outcome without waiting, lazily: it rides along with the next prepare to that peer,
     * or leaves after {@link #OUTCOME_LINGER}. A peer that misses it asks the coordinator once its
     * transaction is in doubt.
     */
    private void sendToPeers(Set<ReplicaId> targets, PeerMessage outcome) {
        for (ReplicaId target : targets) {
            if (target.equals(local.self())) continue;
            channel(target).submitLazily(outcome).whenComplete((ack, failure) -> {
                if (failure != null) {
                    log.info("peer {} did not confirm {} of {}; it will ask the coordinator: {}",
                            target, outcome instanceof Commit ? "the commit" : "the abort", outcome.txId(), failure.toString());
                }
            });
        }
    }

    private PrepareResult resultOf(ReplicaId target, CompletableFuture<Vote> vote) {
        if (!vote.isDone()) {
            vote.cancel(false); // not sent yet: it never will be
            channel(target).abandonInFlight(); // what queued behind a stuck call goes out without it
            return absent(target, "no vote within " + calls.timeout().toMillis() + " ms");
        }
        try {
            return PrepareResult.voted(vote.join()); // only resultOf cancels a vote, and only one not done
        } catch (CompletionException e) {
            return absent(target, e.getCause().toString());
        }
    }

    private PrepareResult absent(ReplicaId target, String why) {
        log.debug("peer {} absent: {}", target, why);
        return PrepareResult.absent(why);
    }

    private Batcher<PeerMessage, Vote> channel(ReplicaId peer) {
        return channels.computeIfAbsent(peer, p -> new Batcher<>(
                batch -> deliver(p, batch), senders, PeerBatch.MAX_MESSAGES, RmiParticipantClient::weight, BatchWeight.MAX_BATCH_BYTES,
                lingerTimer, OUTCOME_LINGER));
    }

    /**
     * Runs on the peer's sending loop and calls the peer directly: the socket's read timeout
     * bounds the call, and the vote round abandons it once its deadline passes (see {@link #resultOf}).
     */
    private List<Vote> deliver(ReplicaId peer, List<PeerMessage> messages) throws RemoteException {
        byte[] body = Frames.body(new PeerBatch(local.self(), messages));
        try {
            return Frames.peerReply(peers.get(peer).deliver(Frames.request(auth.signBody("deliver", body), body))).answers();
        } catch (InvalidObjectException malformed) {
            peers.invalidate(peer);
            throw new UnmarshalException("peer " + peer + " answered a malformed reply", malformed);
        } catch (AuthenticationException refused) {
            peers.invalidate(peer);
            throw new RemoteException("peer " + peer + " refused our credential", refused);
        } catch (RemoteException | RuntimeException e) {
            peers.invalidate(peer);
            throw e;
        }
    }

    /** The first idle forward channel to {@code target}, or each busy one in turn. */
    private Batcher<List<Write>, ForwardReply> forwardChannel(ReplicaId target) {
        List<Batcher<List<Write>, ForwardReply>> toTarget = forwardChannels.computeIfAbsent(target, t -> {
            List<Batcher<List<Write>, ForwardReply>> created = new ArrayList<>(FORWARD_CHANNELS);
            for (int i = 0; i < FORWARD_CHANNELS; i++) {
                created.add(new Batcher<>(batch -> forwardBatch(t, batch), senders, ForwardBatch.MAX_WRITES,
                        write -> BatchWeight.of(write, 8), BatchWeight.MAX_BATCH_BYTES));
            }
            return List.copyOf(created);
        });
        for (Batcher<List<Write>, ForwardReply> channel : toTarget) {
            if (channel.idle()) return channel;
        }
        return toTarget.get(Math.floorMod(nextForwardChannel.getAndIncrement(), toTarget.size()));
    }

    /**
     * Runs on a forward channel's sending loop and calls the peer directly: the socket's read
     * timeout bounds the call, and a forward whose deadline passes first abandons it. A lookup
     * that fails, or a refused credential, declines every write, as none of them ran.
     */
    private List<ForwardReply> forwardBatch(ReplicaId target, List<List<Write>> writes) throws RemoteException {
        Participant stub;
        try {
            stub = peers.get(target);
        } catch (RemoteException lookupFailed) { // the writes were not sent
            return Collections.nCopies(writes.size(), ForwardReply.declined("peer " + target + " could not be looked up: " + lookupFailed));
        }
        byte[] body = Frames.body(new ForwardBatch(local.self(), writes));
        try {
            return Frames.forwardBatchReply(stub.forward(Frames.request(auth.signBody("forward", body), body))).replies();
        } catch (InvalidObjectException malformed) {
            peers.invalidate(target);
            throw new UnmarshalException("peer " + target + " answered a malformed forward reply", malformed);
        } catch (AuthenticationException refused) {
            peers.invalidate(target);
            String why = "peer " + target + " refused our credential: " + refused.getMessage();
            return Collections.nCopies(writes.size(), ForwardReply.declined(why));
        } catch (RemoteException | RuntimeException e) {
            peers.invalidate(target);
            throw e;
        }
    }

    /** Why a forward has no reply; a call that outlived the deadline is abandoned, so the writes queued behind it leave. */
    private RemoteException forwardFailure(ReplicaId target, Batcher<?, ?> channel, Throwable failure, long deadlineNanos) {
        Throwable cause = Completions.cause(failure);
        if (cause instanceof TimeoutException) {
            channel.abandonInFlight();
            return new CallTimedOutException("forward to peer " + target + " did not answer within "
                    + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms");
        }
        if (cause instanceof RemoteException remote) return remote;
        return new RemoteException("forward to peer " + target + " failed", cause);
    }

    private static long weight(PeerMessage message) {
        return message instanceof Prepare prepare ? BatchWeight.of(prepare.writes(), 16) : 16;
    }
}
