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
import java.rmi.RemoteException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
     * what the write overwrites.
     */
    public <T> Committed<T> propose(List<Write> writes, Supplier<T> whileLocked)
            throws TransactionAbortedException, UnavailableException {
        for (int attempt = 0; ; attempt++) {
            TxId txId = txIds.next();
            try (var ignored = MDC.putCloseable("tx", txId.value())) {
                try {
                    return attempt(txId, writes, whileLocked);
                } catch (ViewChanged changed) {
                    if (!changed.view.up().contains(self)) {
                        throw new UnavailableException("replica " + self + " is no longer UP in the view");
                    }
                    if (attempt >= maxViewRetries) {
                        throw new TransactionAbortedException(txId.value(), "the view kept changing: " + changed.getMessage());
                    }
                    log.debug("view changed to epoch {}; retrying as a new transaction", changed.view.epoch());
                }
            }
        }
    }

    /** A committed write: its seq and what was read under its locks. */
    public record Committed<T>(long seq, T readWhileLocked) {}

    private <T> Committed<T> attempt(TxId txId, List<Write> writes, Supplier<T> whileLocked) throws TransactionAbortedException, UnavailableException, ViewChanged {
        View view = views.current();
        Set<ReplicaId> targets = new HashSet<>(view.up());
        targets.add(self);
        Map<ReplicaId, PrepareResult> results = participants.prepareAll(targets, new Prepare(txId, self, view.epoch(), writes));

        VoteTally tally = VoteTally.of(results);
        if (tally.outcome() == VoteTally.Outcome.ABORT) {
            participants.abortAll(tally.yes(), txId);
            log.debug("aborted: {}", tally.abortReason());
            throw new TransactionAbortedException(txId.value(), tally.abortReason());
        }
        if (!tally.yes().contains(self)) {
            // Our own participant did not answer: nothing sensible to decide on.
            participants.abortAll(tally.yes(), txId);
            throw new UnavailableException("replica " + self + " could not prepare locally");
        }
        T read = whileLocked.get();
        if (!tally.absent().isEmpty()) log.info("suspects {} did not answer prepare", new TreeSet<>(tally.absent()));

        long seq;
        try {
            seq = coordinator.decide(new DecideRequest(txId, self, tally.yes(), tally.absent(), writes));
        } catch (DecisionRefusedException refused) {
            participants.abortAll(tally.yes(), txId);
            views.update(refused.view());
            throw new ViewChanged(refused.getMessage(), refused.view());
        } catch (RemoteException unknown) {
            // The coordinator may have logged it. Neither commit nor abort: the participants
            // resolve it with the coordinator once it answers again.
            log.warn("decide outcome unknown: {}", unknown.toString());
            throw new UnavailableException("the coordinator did not answer decide for " + txId, true);
        }
        // Acknowledged once applied here. The peers' commits may still be on their way: until one
        // arrives, that peer keeps the keys locked and its reads of them wait, so no reader can
        // see the value this write replaced after the client has seen the write.
        participants.commitAll(tally.yes(), txId, seq);
        log.debug("committed at seq {} on {}", seq, tally.yes().size());
        return new Committed<>(seq, read);
    }

    /** A refusal that a retry with the new view may get past. */
    private static final class ViewChanged extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient View view;

        ViewChanged(String message, View view) {
            super(message, null, false, false);
            this.view = view;
        }
    }
}
