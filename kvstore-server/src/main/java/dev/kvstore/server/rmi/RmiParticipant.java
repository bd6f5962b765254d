package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.server.ReplicaNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The RMI edge of the participant: sets the transaction in the log context and calls the node. */
public final class RmiParticipant implements Participant {
    private static final Logger log = LoggerFactory.getLogger(RmiParticipant.class);

    private final ReplicaNode node;

    public RmiParticipant(ReplicaNode node) {
        this.node = node;
    }

    @Override
    public Vote prepare(Prepare prepare) {
        try (var ignored = MDC.putCloseable("tx", prepare.txId().value())) {
            Vote vote = node.prepare(prepare);
            log.debug("prepare from {}: {}", prepare.proposer(), vote.commit() ? "COMMIT" : vote.reason());
            return vote;
        }
    }

    @Override
    public void commit(TxId txId, long seq) {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            if (!node.commit(txId, seq)) log.debug("commit at seq {} for a transaction not prepared here", seq);
        }
    }

    @Override
    public void abort(TxId txId) {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            node.abort(txId);
        }
    }
}
