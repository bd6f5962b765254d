package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.List;

/**
 * A participant's answers to a {@link PeerBatch}, one per message in the same order: the vote
 * for a prepare, {@link Vote#yes()} for a commit or an abort once handled.
 */
public record PeerReply(List<Vote> answers) implements Serializable {
    public PeerReply {
        answers = List.copyOf(answers);
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
