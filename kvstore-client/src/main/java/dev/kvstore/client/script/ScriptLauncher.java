package dev.kvstore.client.script;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.shell.ExitStatus;
import dev.kvstore.client.shell.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code kvstore-client --script FILE}: reads, parses and runs a script, and says how it went in the exit status. */
public final class ScriptLauncher {
    private final Function<List<ReplicaId>, Session> sessions;
    private final ScriptClock clock;
    private final PrintWriter out;
    private final PrintWriter err;

    public ScriptLauncher(Function<List<ReplicaId>, Session> sessions, ScriptClock clock, PrintWriter out, PrintWriter err) {
        this.sessions = sessions;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /**
     * @param source a file, or {@code -} for {@code stdin}
     * @return {@link ExitStatus#OK} when every expectation held, {@link ExitStatus#SCRIPT_FAILED}
     *     when one failed or the script has errors, {@link ExitStatus#USAGE} when it cannot be read
     */
    public ExitStatus run(String source, InputStream stdin, Map<String, String> vars, List<ReplicaId> defaultReplicas) {
        String name = source.equals("-") ? "<stdin>" : source;
        List<String> lines;
        try {
            lines = source.equals("-") ? readAll(stdin) : Files.readAllLines(Path.of(source), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("kvstore-client: no such script: " + source);
            return ExitStatus.USAGE;
        } catch (IOException e) {
            err.println("kvstore-client: cannot read script " + source + ": " + e.getMessage());
            return ExitStatus.USAGE;
        }
        Script script;
        try {
            script = new ScriptParser(vars).parse(name, lines);
        } catch (ScriptSyntaxException e) {
            err.println(e.getMessage());
            err.println(name + ": " + e.errors().size() + (e.errors().size() == 1 ? " error" : " errors") + "; nothing was run");
            return ExitStatus.SCRIPT_FAILED;
        } finally {
            err.flush();
        }
        ScriptReport report = new ScriptRunner(sessions, clock, out, ScriptRunner.DEFAULT_POLL).run(script, defaultReplicas);
        return report.passed() ? ExitStatus.OK : ExitStatus.SCRIPT_FAILED;
    }

    private static List<String> readAll(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return reader.lines().collect(Collectors.toList());
    }
}
