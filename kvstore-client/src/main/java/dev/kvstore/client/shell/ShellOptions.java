package dev.kvstore.client.shell;

import dev.kvstore.rmi.tls.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of {@code kvstore-client}, as picocli fills it in. */
@Command(
        name = "kvstore-client",
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Talks to a KVStore replica: an interactive shell, one command, or a script.",
            "",
            "  kvstore-client [--host H] [--port P]            the shell; reads a pipe line by line",
            "  kvstore-client [--host H] [--port P] COMMAND    one command: put greeting \"hello world\"",
            "  kvstore-client --script FILE|- [--var N=V]...   a script, with a timestamped transcript",
            ""
        },
        footer = {
            "",
            "Exit statuses: 0 ok, 1 not found, 2 usage error or invalid request, 3 aborted,",
            "4 unavailable (or the outcome of a write is unknown), 5 script failed. See docs/client.md."
        })
final class ShellOptions {
    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Replica host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "1111", description = "Replica registry port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--failover", paramLabel = "HOST:PORT", split = ",",
            description = "Replicas to fail over to, in order, when the replica cannot serve a request.")
    List<String> failover = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1s",
            description = "Deadline of reads, status and lookups, e.g. 500ms, 2s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--write-timeout", paramLabel = "DURATION",
            description = "Deadline of a put or delete, which waits out the cluster's own timeouts (default: 10s, or --timeout if longer).")
    Duration writeTimeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Retries of an aborted write, with exponential backoff and jitter (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--script", paramLabel = "FILE", description = "Run a script; - reads it from standard input.")
    String script;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Set a script variable; wins over the script's own 'set'.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--history", paramLabel = "FILE", description = "The shell's history file (default: $HOME/.kvstore_history).")
    Path history;

    @Mixin
    TlsOptions tls;

    /** The write deadline: as given, or the default, never shorter than {@link #timeout}. */
    Duration writeTimeout() {
        if (writeTimeout != null) return writeTimeout;
        Duration fallback = dev.kvstore.client.ClientConfig.DEFAULT_WRITE_TIMEOUT;
        return timeout.compareTo(fallback) > 0 ? timeout : fallback;
    }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A command to run once: get KEY, put KEY VALUE, delete KEY, status, connect HOST:PORT.")
    List<String> command = new ArrayList<>();
}
