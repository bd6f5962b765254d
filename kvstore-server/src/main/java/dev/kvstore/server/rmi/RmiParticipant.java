package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Credential;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.api.protocol.TxId;
import dev.kvstore.api.protocol.Vote;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.server.ReplicaNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The RMI edge of the participant: checks the caller's credential, sets the transaction in the
 * log context and calls the node. A refused call changes nothing and is logged with the
 * caller's address.
 */
public final class RmiParticipant implements Participant {
    private static final Logger log = LoggerFactory.getLogger(RmiParticipant.class);

    private final ReplicaNode node;
    private final CallAuthenticator auth;

    public RmiParticipant(ReplicaNode node, CallAuthenticator auth) {
        this.node = node;
        this.auth = auth;
    }

    @Override
    public Vote prepare(Prepare prepare, Credential credential) throws AuthenticationException {
        try (var ignored = MDC.putCloseable("tx", prepare.txId().value())) {
            auth.admit("prepare", credential, prepare);
            Vote vote = node.prepare(prepare);
            log.debug("prepare from {}: {}", prepare.proposer(), vote.commit() ? "COMMIT" : vote.reason());
            return vote;
        }
    }

    @Override
    public void commit(TxId txId, long seq, Credential credential) throws AuthenticationException {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            auth.admit("commit", credential, txId, seq);
            if (!node.commit(txId, seq)) log.debug("commit at seq {} for a transaction not prepared here", seq);
        }
    }

    @Override
    public void abort(TxId txId, Credential credential) throws AuthenticationException {
        try (var ignored = MDC.putCloseable("tx", txId.value())) {
            auth.admit("abort", credential, txId);
            node.abort(txId);
        }
    }
}
