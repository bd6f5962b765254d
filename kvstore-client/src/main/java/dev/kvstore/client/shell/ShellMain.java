package dev.kvstore.client.shell;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.client.ClientConfig;
import dev.kvstore.rmi.Durations;
import dev.kvstore.client.KVStoreClient;
import dev.kvstore.client.RetryPolicy;
import dev.kvstore.client.script.ScriptClock;
import dev.kvstore.client.script.ScriptLauncher;
import dev.kvstore.rmi.RmiSettings;
import dev.kvstore.rmi.SerialFilters;
import dev.kvstore.rmi.tls.TlsSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code kvstore-client}: the interactive shell, a one-shot command, or a script, chosen by the
 * command line (docs/client.md). Streams and the client factory are injected so tests drive the
 * real parser and loop over pipes. One instance runs one command line.
 */
public final class ShellMain {
    private static final Logger log = LoggerFactory.getLogger(ShellMain.class);

    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final Function<ClientConfig, KVStoreClient> clients;

    /**
     * @param interactive whether standard input and output are a terminal: line editing and prompts, or plain lines
     */
    public ShellMain(InputStream in, OutputStream out, OutputStream err, boolean interactive,
            Function<ClientConfig, KVStoreClient> clients) {
        this.in = in;
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        this.err = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        this.interactive = interactive;
        this.clients = clients;
    }

    public static void main(String[] args) {
        ShellMain main = new ShellMain(System.in, System.out, System.err, System.console() != null, KVStoreClient::create);
        System.exit(main.run(args));
    }

    /** Runs the command line; returns the exit status. */
    public int run(String... args) {
        try {
            return dispatch(args).code();
        } catch (RuntimeException e) {
            log.debug("internal error", e);
            err.println("kvstore-client: internal error (" + e + ")");
            return ExitStatus.INTERNAL_ERROR.code();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private ExitStatus dispatch(String[] args) {
        ShellOptions options = new ShellOptions();
        CommandLine commandLine = new CommandLine(options);
        commandLine.registerConverter(Duration.class, Durations::parse);
        commandLine.setStopAtPositional(true); // 'put k -1': everything after the command is its arguments
        ClientConfig config;
        TlsSetup tls;
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(out);
                return ExitStatus.OK;
            }
            if (options.script != null && !options.command.isEmpty()) {
                throw new IllegalArgumentException("--script runs a script; give no COMMAND with it");
            }
            config = config(options);
            tls = options.tls.load();
            // RMI reads its timeouts once, when its classes load: install them before the first lookup.
            RmiSettings.install(config.callTimeout(), "127.0.0.1", SerialFilters.DEFAULT_MAX_BYTES);
        } catch (ParameterException | IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        tls.installForProcess(); // with --tls, every lookup and call goes over TLS with this client's certificate
        if (options.script != null) return script(options, config);
        if (!options.command.isEmpty()) return oneShot(options.command, config);
        return shell(options, config);
    }

    private ClientConfig config(ShellOptions options) {
        List<ReplicaId> replicas = new ArrayList<>();
        replicas.add(new ReplicaId(options.host, options.port));
        for (String target : options.failover) replicas.add(ReplicaId.parse(target));
        if (options.retries < 0) throw new IllegalArgumentException("--retries is not negative: " + options.retries);
        return new ClientConfig(replicas, options.timeout, options.writeTimeout(), RetryPolicy.DEFAULT.withMaxRetries(options.retries));
    }

    private ExitStatus oneShot(List<String> words, ClientConfig config) {
        Command command;
        try {
            command = CommandParser.parseWords(words);
        } catch (CommandSyntaxException e) {
            err.println(ErrorKind.USAGE + ": " + e.getMessage());
            return ExitStatus.USAGE;
        }
        try (Session session = new Session(config, clients)) {
            Result result = session.execute(command);
            // Results on standard output, failures on standard error; the exit status tells them apart.
            PrintWriter stream = result instanceof Result.Failure ? err : out;
            ResultFormatter.lines(result).forEach(stream::println);
            return ExitStatus.of(result);
        }
    }

    private ExitStatus shell(ShellOptions options, ClientConfig config) {
        try (Session session = new Session(config, clients); LineSource lines = lineSource(options)) {
            PrintWriter shellOut = lines instanceof JLineLineSource terminal ? terminal.writer() : out;
            if (interactive) {
                shellOut.println("KVStore shell. Type 'help' for the commands, 'quit' or Ctrl-D to leave.");
                ResultFormatter.lines(session.connectNow()).forEach(shellOut::println);
            }
            new ShellLoop(lines, session, shellOut, interactive).run();
            return ExitStatus.OK;
        }
    }

    private LineSource lineSource(ShellOptions options) {
        if (!interactive) return new PlainLineSource(in);
        Path history = options.history != null ? options.history : Path.of(System.getProperty("user.home"), ".kvstore_history");
        try {
            return JLineLineSource.onSystemTerminal(history);
        } catch (IOException | RuntimeException e) {
            err.println("kvstore-client: no line editing (" + e.getMessage() + "); reading plain lines");
            return new PlainLineSource(in);
        }
    }

    private ExitStatus script(ShellOptions options, ClientConfig config) {
        Function<List<ReplicaId>, Session> sessions =
                replicas -> new Session(new ClientConfig(replicas, config.callTimeout(), config.writeTimeout(), config.retry()), clients);
        return new ScriptLauncher(sessions, ScriptClock.SYSTEM, out, err)
                .run(options.script, in, options.vars, config.replicas());
    }

    private ExitStatus usageError(String message) {
        err.println("kvstore-client: " + message);
        err.println("Try 'kvstore-client --help'.");
        return ExitStatus.USAGE;
    }
}
