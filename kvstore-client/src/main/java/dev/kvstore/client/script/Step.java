package dev.kvstore.client.script;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.shell.Command;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One runnable line of a script, with its line number and its text as the transcript shows it. */
public sealed interface Step {
    int line();

    /** The line after variable substitution, without the client prefix. */
    String text();

    /** {@code client NAME HOST:PORT [HOST:PORT...]}: a named client, failing over along the list. */
    record DeclareClient(int line, String text, String name, List<ReplicaId> replicas) implements Step {
        public DeclareClient {
            Objects.requireNonNull(name, "name");
            replicas = List.copyOf(replicas);
        }
    }

    /** {@code [NAME:] COMMAND}: a shell command on a client; its result is printed, not checked. */
    record Run(int line, String text, String client, Command command) implements Step {
        public Run {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(command, "command");
        }
    }

    /** {@code [NAME:] expect [within DURATION] COMMAND == RESULT}: runs the command and checks its result, polling until {@code within} runs out. */
    record Expect(int line, String text, String client, Command command, Expected expected, Optional<Duration> within)
            implements Step {
        public Expect {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(within, "within");
        }
    }

    /** {@code [NAME:] sleep DURATION} */
    record Sleep(int line, String text, Optional<String> client, Duration duration) implements Step {
        public Sleep {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** {@code [NAME:] at TIME}: waits until TIME has passed since the script started. */
    record At(int line, String text, Optional<String> client, Duration time) implements Step {
        public At {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(time, "time");
        }
    }

    /** {@code echo TEXT}: prints TEXT to the transcript. */
    record Echo(int line, String text) implements Step {}

    /** {@code parallel} ... {@code end}: each client runs its own lines of the block, in order, on its own thread; the block ends when all are done. */
    record Parallel(int line, String text, List<Step> steps) implements Step {
        public Parallel {
            steps = List.copyOf(steps);
        }
    }
}
