package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.ForwardBatch;
import dev.kvstore.api.protocol.ForwardBatchReply;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.PeerBatch;
import dev.kvstore.api.protocol.PeerMessage;
import dev.kvstore.api.protocol.PeerReply;
import dev.kvstore.api.protocol.Prepare;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.FrameAdmission;
import dev.kvstore.server.KVStoreService;
import dev.kvstore.server.ReplicaNode;
import dev.kvstore.server.txn.WriteForwarding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RMI edge of the participant: checks the caller's credential for the whole batch and hands
 * the batch to the node, or a batch of forwarded writes to the service that proposes them. A refused call
 * changes nothing and is logged with the caller's address.
 */
public final class RmiParticipant implements Participant {
    private static final Logger log = LoggerFactory.getLogger(RmiParticipant.class);

    private final ReplicaNode node;
    private final KVStoreService service;
    private final WriteForwarding forwarding;
    private final CallAuthenticator auth;

    public RmiParticipant(ReplicaNode node, KVStoreService service, WriteForwarding forwarding, CallAuthenticator auth) {
        this.node = node;
        this.service = service;
        this.forwarding = forwarding;
        this.auth = auth;
    }

    @Override
    public String deliver(String frame) throws AuthenticationException {
        PeerBatch batch = FrameAdmission.open("deliver", frame, auth, Frames::peerBatch);
        log.trace("{} messages from {}", batch.messages().size(), batch.sender());
        if (carriesPrepare(batch)) forwarding.onPrepares(batch.sender());
        return Frames.reply(new PeerReply(node.deliver(batch.messages())));
    }

    @Override
    public String forward(String frame) throws AuthenticationException {
        ForwardBatch batch = FrameAdmission.open("forward", frame, auth, Frames::forwardBatch);
        log.trace("{} writes forwarded by {}", batch.writes().size(), batch.sender());
        return Frames.reply(new ForwardBatchReply(service.proposeForwarded(batch.writes())));
    }

    private static boolean carriesPrepare(PeerBatch batch) {
        for (PeerMessage message : batch.messages()) {
            if (message instanceof Prepare) return true;
        }
        return false;
    }
}
