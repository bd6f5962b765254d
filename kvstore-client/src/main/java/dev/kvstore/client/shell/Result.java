package dev.kvstore.client.shell;

import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.MemberStatus;
import dev.kvstore.api.protocol.ReplicaId;
import java.util.Objects;

/** What a command produced; {@link ResultFormatter} prints it and {@link ExitStatus#of} maps it to an exit status. */
public sealed interface Result {
    /** A write succeeded. */
    record Ok() implements Result {}

    /** get found the key. */
    record Value(String value) implements Result {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** get or delete found no such key. */
    record NotFound() implements Result {}

    /** connect switched to {@code replica}. */
    record Connected(ReplicaId replica) implements Result {
        public Connected {
            Objects.requireNonNull(replica, "replica");
        }
    }

    /** status: the replica's own state and its view of the cluster. */
    record StatusReport(ReplicaStatus status) implements Result {
        public StatusReport {
            Objects.requireNonNull(status, "status");
        }
    }

    /** status REPLICA: one member of the replica's view. */
    record MemberReport(MemberStatus member) implements Result {
        public MemberReport {
            Objects.requireNonNull(member, "member");
        }
    }

    /** The command failed; {@code message} is one readable line without the kind. */
    record Failure(ErrorKind kind, String message) implements Result {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** help */
    record Help() implements Result {}

    /** quit */
    record Quit() implements Result {}
}
