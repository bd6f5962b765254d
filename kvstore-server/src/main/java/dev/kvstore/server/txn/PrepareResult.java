package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.Vote;

/** What one participant answered to prepare: a vote, or nothing in time (it is absent, a suspect). */
public sealed interface PrepareResult {
    record Voted(Vote vote) implements PrepareResult {}

    record Absent(String reason) implements PrepareResult {}

    static PrepareResult voted(Vote vote) {
        return new Voted(vote);
    }

    static PrepareResult absent(String reason) {
        return new Absent(reason);
    }
}
