package dev.kvstore.client.script;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.shell.Session;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Runs parsed scripts and prints their transcript. Each run opens its own sessions, one per
 * client, and closes them at the end. Thread-safe: runs share nothing but the output.
 */
public final class ScriptRunner {
    /** How often {@code expect within} tries again. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(200);

    private final Function<List<ReplicaId>, Session> sessions;
    private final ScriptClock clock;
    private final PrintWriter out;
    private final Duration poll;

    /**
     * @param sessions opens a session on a client's replicas (the first, then the fail-over list)
     */
    public ScriptRunner(Function<List<ReplicaId>, Session> sessions, ScriptClock clock, PrintWriter out, Duration poll) {
        this.sessions = sessions;
        this.clock = clock;
        this.out = out;
        this.poll = poll;
    }

    /** Runs {@code script}; lines without a client prefix go to {@code defaultReplicas}. */
    public ScriptReport run(Script script, List<ReplicaId> defaultReplicas) {
        return new ScriptExecution(script, defaultReplicas, sessions, clock, out, poll).run();
    }
}
