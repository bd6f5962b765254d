package dev.kvstore.client.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-run-print loop: reads a line, runs it, prints the result's lines, until quit or the end
 * of input. Every failure becomes one line and the loop goes on. Not thread-safe.
 */
public final class ShellLoop {
    private static final Logger log = LoggerFactory.getLogger(ShellLoop.class);

    private final LineSource lines;
    private final Session session;
    private final PrintWriter out;
    private final boolean prompts;

    public ShellLoop(LineSource lines, Session session, PrintWriter out, boolean prompts) {
        this.lines = lines;
        this.session = session;
        this.out = out;
        this.prompts = prompts;
    }

    /** Runs until quit or the end of input. */
    public void run() {
        while (true) {
            String line;
            try {
                line = lines.readLine(prompts ? "kvstore " + session.replica() + "> " : "");
            } catch (IOException e) {
                out.println("ERROR: cannot read input (" + e.getMessage() + ")");
                out.flush();
                return;
            }
            if (line == null) return;
            Optional<Result> result = runLine(line);
            if (result.isEmpty()) continue;
            if (result.get() instanceof Result.Quit) return;
            ResultFormatter.lines(result.get()).forEach(out::println);
            out.flush();
        }
    }

    private Optional<Result> runLine(String line) {
        try {
            return CommandParser.parseLine(line).map(session::execute);
        } catch (CommandSyntaxException e) {
            return Optional.of(new Result.Failure(ErrorKind.USAGE, e.getMessage()));
        } catch (RuntimeException e) {
            // A bug, not a user error: one line, and the shell goes on. The stack trace is at DEBUG.
            log.debug("internal error on '{}'", line, e);
            out.println("ERROR: internal error (" + e + ")");
            return Optional.empty();
        }
    }
}
