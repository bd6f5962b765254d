package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Frames;
import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.PeerBatch;
import dev.kvstore.api.protocol.PeerReply;
import dev.kvstore.rmi.auth.CallAuthenticator;
import dev.kvstore.rmi.auth.FrameAdmission;
import dev.kvstore.server.ReplicaNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RMI edge of the participant: checks the caller's credential for the whole batch and hands
 * the batch to the node. A refused call changes nothing and is logged with the caller's address.
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
    public String deliver(String frame) throws AuthenticationException {
        PeerBatch batch = FrameAdmission.open("deliver", frame, auth, Frames::peerBatch);
        log.trace("{} messages from {}", batch.messages().size(), batch.sender());
        return Frames.reply(new PeerReply(node.deliver(batch.messages())));
    }
}
