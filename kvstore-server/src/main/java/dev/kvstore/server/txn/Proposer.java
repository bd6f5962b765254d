package dev.kvstore.server.txn;

import dev.kvstore.api.TransactionAbortedException;
import dev.kvstore.api.UnavailableException;
import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecisionRefusedException;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.View;
import dev.kvstore.api.protocol.Write;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one write through two-phase commit: prepare on itself and every UP peer, decide at the
 * coordinator, commit on every participant (here before the client hears OK, on the peers
 * after). Keeps three outcomes apart: an ABORT vote (abort
 * everywhere, retryable), an absent peer (a suspect, left out), and an unknown decide outcome
 * (neither commit nor abort: the participants ask the coordinator). Thread-safe: it holds no
 * state of its own between calls.
 */
public final class Proposer {
    private static final Logger log = LoggerFactory.getLogger(Proposer.class);

    /** How the proposer learns and updates the membership view. */
    public interface ViewSource {
        View current();

        void update(View newer);
    }

    private final ReplicaId self;
    private final ParticipantClient participants;
    private final CoordinatorPort coordinator;
    private final ViewSource views;
    private final TxIds txIds;
    private final int maxViewRetries;

    public Proposer(
            ReplicaId self,
            ParticipantClient participants,
            CoordinatorPort coordinator,
            ViewSource views,
            TxIds txIds,
            int maxViewRetries) {
        this.self = self;
        this.participants = participants;
        this.coordinator = coordinator;
        this.views = views;
        this.txIds = txIds;
        this.maxViewRetries = maxViewRetries;
    }

    /**
     * Commits {@code writes} on every live replica and returns the seq, or commits them nowhere
     * and throws. A refusal caused by a view change is retried with the new view, a fresh
     * transaction id each time, up to the configured number of times.
     */
    public long propose(List<Write> writes) throws TransactionAbortedException, UnavailableException {
        return propose(writes, () -> null).seq();
    }

    /**
     * Like {@link #propose(List)}, and runs {@code whileLocked} once every participant has voted
     * COMMIT, while this replica still holds the keys' locks: what it reads of the local store is
     * what the write overwrites. The calling thread waits once, for the whole write.
     */
    public <T> Committed<T> propose(List<Write> writes, Supplier<T> whileLocked)
            throws TransactionAbortedException, UnavailableException {
        CompletableFuture<Committed<T>> committed = proposeAsync(writes, whileLocked);
        try {
            return committed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The chain goes on without us and may yet reach the coordinator.
            throw new UnavailableException("interrupted while a write was under way", true);
        } catch (ExecutionException e) {
            Throwable cause = Completions.cause(e.getCause());
            if (cause instanceof TransactionAbortedException aborted) throw aborted;
            if (cause instanceof UnavailableException unavailable) throw unavailable;
            if (cause instanceof RuntimeException bug) throw bug;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException("unexpected failure of a write", cause);
        }
    }

    /**
     * Like {@link #propose(List, Supplier)}, with no thread waiting: the future completes with the
     * committed write, or fails with {@link TransactionAbortedException} or
     * {@link UnavailableException} (which may leave the outcome unknown). It always completes:
     * every step has a deadline. From the votes on, the write runs on whichever thread delivers
     * the last vote, then the decision; those threads carry many writes, so the steps are short.
     */
    public <T> CompletableFuture<Committed<T>> proposeAsync(List<Write> writes, Supplier<T> whileLocked) {
        return attempt(0, writes, whileLocked);
    }

    /** A committed write: its seq and what was read under its locks. */
    public record Committed<T>(long seq, T readWhileLocked) {}

    /** One transaction, and the next one if the view changed under it. */
    private <T> CompletableFuture<Committed<T>> attempt(int attempt, List<Write> writes, Supplier<T> whileLocked) {
        TxId txId = txIds.next();
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            View view = views.current();
            Set<ReplicaId> targets = new HashSet<>(view.up());
            targets.add(self);
            return participants.prepareAll(targets, new Prepare(txId, self, view.epoch(), writes))
                    .thenCompose(results -> decideOnVotes(txId, writes, whileLocked, results))
                    .thenCompose(decided -> settle(attempt, txId, writes, whileLocked, decided));
        }
    }

    /** Counts the votes and, if all are COMMIT, asks the coordinator to decide. */
    private <T> CompletableFuture<Decided<T>> decideOnVotes(TxId txId, List<Write> writes, Supplier<T> whileLocked,
            Map<ReplicaId, PrepareResult> results) {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            VoteTally tally = VoteTally.of(results);
            if (tally.outcome() == VoteTally.Outcome.ABORT) {
                participants.abortAll(tally.yes(), txId);
                log.debug("aborted: {}", tally.abortReason());
                return CompletableFuture.failedFuture(new TransactionAbortedException(txId.value(), tally.abortReason()));
            }
            if (!tally.yes().contains(self)) {
                // Our own participant did not answer: nothing sensible to decide on.
                participants.abortAll(tally.yes(), txId);
                return CompletableFuture.failedFuture(new UnavailableException("replica " + self + " could not prepare locally"));
            }
            T read = whileLocked.get();
            if (!tally.absent().isEmpty()) log.info("suspects {} did not answer prepare", new TreeSet<>(tally.absent()));
            return coordinator.decide(new DecideRequest(txId, self, tally.yes(), tally.absent(), writes))
                    .handle((seq, failure) -> new Decided<>(tally.yes(), seq == null ? -1 : seq, read, Completions.cause(failure)));
        }
    }

    /**
     * Acts on the coordinator's answer: commits everywhere, retries after a refusal that came with
     * a newer view, or reports an unanswered decide as an unknown outcome.
     */
    private <T> CompletableFuture<Committed<T>> settle(int attempt, TxId txId, List<Write> writes, Supplier<T> whileLocked,
            Decided<T> decided) {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            if (decided.failure() instanceof DecisionRefusedException refused) {
                participants.abortAll(decided.participants(), txId);
                views.update(refused.view());
                if (!refused.view().up().contains(self)) {
                    return CompletableFuture.failedFuture(new UnavailableException("replica " + self + " is no longer UP in the view"));
                }
                if (attempt >= maxViewRetries) {
                    return CompletableFuture.failedFuture(
                            new TransactionAbortedException(txId.value(), "the view kept changing: " + refused.getMessage()));
                }
                log.debug("view changed to epoch {}; retrying as a new transaction", refused.view().epoch());
                return attempt(attempt + 1, writes, whileLocked);
            }
            if (decided.failure() != null) {
                // The coordinator may have logged it. Neither commit nor abort: the participants
                // resolve it with the coordinator once it answers again.
                log.warn("decide outcome unknown: {}", decided.failure().toString());
                return CompletableFuture.failedFuture(new UnavailableException("the coordinator did not answer decide for " + txId, true));
            }
            // Acknowledged once applied here. The peers' commits may still be on their way: until
            // one arrives, that peer keeps the keys locked and its reads of them wait, so no reader
            // can see the value this write replaced after the client has seen the write.
            participants.commitAll(decided.participants(), txId, decided.seq());
            log.debug("committed at seq {} on {}", decided.seq(), decided.participants().size());
            return CompletableFuture.completedFuture(new Committed<>(decided.seq(), decided.readWhileLocked()));
        }
    }

    /**
     * What the coordinator said: a seq, or a failure ({@link DecisionRefusedException}: certainly
     * not committed; anything else: unknown).
     */
    private record Decided<T>(Set<ReplicaId> participants, long seq, T readWhileLocked, Throwable failure) {}
}
