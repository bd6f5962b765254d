package dev.kvstore.server.recovery;

import dev.kvstore.api.protocol.Outcome;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.server.CoordinatorClient;
import dev.kvstore.server.ReplicaNode;
import java.rmi.RemoteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Asks the coordinator about transactions that stayed prepared without a decision, and commits
 * or aborts them as it answers. Asking decides an undecided transaction ABORT at the
 * coordinator, so no lock is held forever once the coordinator answers.
 */
public final class InDoubtResolver {
    private static final Logger log = LoggerFactory.getLogger(InDoubtResolver.class);

    private final ReplicaNode node;
    private final CoordinatorClient coordinator;

    public InDoubtResolver(ReplicaNode node, CoordinatorClient coordinator) {
        this.node = node;
        this.coordinator = coordinator;
    }

    /** Resolves what is due now. Returns how many were resolved; stops at the first failed call. */
    public int resolveDue() throws RemoteException {
        int resolved = 0;
        for (TxId txId : node.inDoubt()) {
            try (var ignored = MDC.putCloseable("tx", txId.value())) {
                Outcome outcome = coordinator.outcome(txId);
                if (outcome.isCommitted()) {
                    node.applyDecision(outcome.decision());
                    log.info("in-doubt transaction resolved: COMMIT at seq {}", outcome.decision().seq());
                } else {
                    node.abort(txId);
                    log.info("in-doubt transaction resolved: ABORT");
                }
                resolved++;
            }
        }
        return resolved;
    }
}
