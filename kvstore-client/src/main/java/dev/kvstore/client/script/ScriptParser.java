package dev.kvstore.client.script;

import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.Durations;
import dev.kvstore.client.shell.Command;
import dev.kvstore.client.shell.CommandParser;
import dev.kvstore.client.shell.CommandSyntaxException;
import dev.kvstore.client.shell.Token;
import dev.kvstore.client.shell.Tokenizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Parses a script (the language is in docs/client.md) into {@link Step}s, or reports every bad
 * line with its number. Nothing runs until the whole script parses. One parser parses one script.
 */
public final class ScriptParser {
    /** The client that lines without a {@code NAME:} prefix run on: the one given by --host and --port. */
    public static final String DEFAULT_CLIENT = "default";

    private final Variables variables;
    private final Map<String, Integer> clients = new HashMap<>(); // name -> line declared
    private final List<Step> steps = new ArrayList<>();
    private final List<ScriptError> errors = new ArrayList<>();
    private List<Step> block; // the open parallel block, or null
    private int blockLine;

    /** @param overrides variables from the command line; a script's {@code set} does not change them */
    public ScriptParser(Map<String, String> overrides) {
        this.variables = new Variables(overrides);
        clients.put(DEFAULT_CLIENT, 0);
    }

    public Script parse(String name, List<String> lines) throws ScriptSyntaxException {
        for (int i = 0; i < lines.size(); i++) {
            try {
                line(i + 1, lines.get(i));
            } catch (CommandSyntaxException e) {
                errors.add(new ScriptError(i + 1, e.getMessage()));
            }
        }
        if (block != null) errors.add(new ScriptError(blockLine, "'parallel' has no 'end'"));
        if (!errors.isEmpty()) throw new ScriptSyntaxException(name, errors);
        return new Script(name, steps);
    }

    private void line(int number, String raw) throws CommandSyntaxException {
        String stripped = raw.strip();
        if (stripped.isEmpty() || stripped.startsWith("#")) return;
        String text = variables.substitute(withoutComment(stripped));
        List<Token> tokens = Tokenizer.tokenize(text);
        if (tokens.isEmpty()) return;
        Optional<String> client = Optional.empty();
        Token first = tokens.get(0);
        if (!first.quoted() && first.text().length() > 1 && first.text().endsWith(":")) {
            String name = first.text().substring(0, first.text().length() - 1);
            if (!clients.containsKey(name)) {
                throw new CommandSyntaxException("unknown client '" + name + "'; declare it first: client " + name + " HOST:PORT");
            }
            client = Optional.of(name);
            tokens = tokens.subList(1, tokens.size());
            text = text.substring(first.text().length()).strip();
            if (tokens.isEmpty()) throw new CommandSyntaxException("nothing after '" + first.text() + "'");
        }
        String keyword = tokens.get(0).quoted() ? "" : tokens.get(0).text().toLowerCase(Locale.ROOT);
        List<Token> args = tokens.subList(1, tokens.size());
        switch (keyword) {
            case "set" -> set(client, args);
            case "client" -> add(declareClient(number, text, client, args));
            case "parallel" -> openBlock(number, client, args);
            case "end" -> closeBlock(number, text, client, args);
            case "echo" -> {
                noPrefix("echo", client);
                add(new Step.Echo(number, args.stream().map(Token::text).collect(Collectors.joining(" "))));
            }
            case "sleep" -> add(new Step.Sleep(number, text, inBlock(client, text), duration("sleep", args)));
            case "at" -> add(new Step.At(number, text, inBlock(client, text), duration("at", args)));
            case "expect" -> add(expect(number, text, inBlock(client, text).orElse(DEFAULT_CLIENT), args));
            default -> {
                Command command = scriptCommand(tokens);
                add(new Step.Run(number, text, inBlock(client, text).orElse(DEFAULT_CLIENT), command));
            }
        }
    }

    /** The line up to a {@code #} that starts a word outside quotes: {@code set WAIT 15s  # slack}. */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).strip();
            }
        }
        return line;
    }

    private void set(Optional<String> client, List<Token> args) throws CommandSyntaxException {
        noPrefix("set", client);
        if (args.size() != 2) throw new CommandSyntaxException("set needs a NAME and a VALUE: set NAME VALUE (quote a value that has spaces)");
        variables.set(args.get(0).text(), args.get(1).text());
    }

    private Step declareClient(int number, String text, Optional<String> client, List<Token> args) throws CommandSyntaxException {
        noPrefix("client", client);
        if (block != null) throw new CommandSyntaxException("declare clients before 'parallel', not inside it");
        if (args.size() < 2) throw new CommandSyntaxException("client needs a NAME and a replica: client NAME HOST:PORT [HOST:PORT...]");
        String name = args.get(0).text();
        if (!Variables.NAME.matcher(name).matches()) throw new CommandSyntaxException("bad client name '" + name + "': use letters, digits and _");
        if (name.equals(DEFAULT_CLIENT)) throw new CommandSyntaxException("'default' is the client of --host and --port; pick another name");
        Integer declared = clients.get(name);
        if (declared != null) throw new CommandSyntaxException("client '" + name + "' is already declared on line " + declared);
        List<ReplicaId> replicas = new ArrayList<>();
        for (Token arg : args.subList(1, args.size())) {
            try {
                replicas.add(ReplicaId.parse(arg.text()));
            } catch (IllegalArgumentException e) {
                throw new CommandSyntaxException("client " + name + ": expected HOST:PORT, got '" + arg.text() + "'");
            }
        }
        if (replicas.stream().distinct().count() != replicas.size()) throw new CommandSyntaxException("client " + name + " lists a replica twice");
        clients.put(name, number);
        return new Step.DeclareClient(number, text, name, replicas);
    }

    private void openBlock(int number, Optional<String> client, List<Token> args) throws CommandSyntaxException {
        noPrefix("parallel", client);
        if (!args.isEmpty()) throw new CommandSyntaxException("'parallel' stands alone on its line; the block's lines follow, then 'end'");
        if (block != null) throw new CommandSyntaxException("'parallel' inside the block opened on line " + blockLine + "; blocks do not nest");
        block = new ArrayList<>();
        blockLine = number;
    }

    private void closeBlock(int number, String text, Optional<String> client, List<Token> args) throws CommandSyntaxException {
        noPrefix("end", client);
        if (!args.isEmpty()) throw new CommandSyntaxException("'end' stands alone on its line");
        if (block == null) throw new CommandSyntaxException("'end' without 'parallel'");
        List<Step> done = block;
        block = null;
        if (done.isEmpty()) throw new CommandSyntaxException("the parallel block from line " + blockLine + " is empty");
        steps.add(new Step.Parallel(blockLine, "parallel (lines " + blockLine + "-" + number + ")", done));
    }

    private Step expect(int number, String text, String client, List<Token> args) throws CommandSyntaxException {
        Optional<Duration> within = Optional.empty();
        List<Token> rest = args;
        if (!rest.isEmpty() && rest.get(0).is("within")) {
            if (rest.size() < 2) throw new CommandSyntaxException("expect within needs a duration: expect within 10s get k == v");
            within = Optional.of(parseDuration(rest.get(1).text()));
            rest = rest.subList(2, rest.size());
        }
        int equals = -1;
        for (int i = 0; i < rest.size() && equals < 0; i++) {
            if (rest.get(i).is("==")) equals = i;
        }
        if (equals < 0) throw new CommandSyntaxException("expect needs '== RESULT', e.g. expect get k == v");
        if (equals == 0) throw new CommandSyntaxException("expect needs a command before '==', e.g. expect get k == v");
        Command command = scriptCommand(rest.subList(0, equals));
        Expected expected = Expected.parse(command, rest.subList(equals + 1, rest.size()));
        return new Step.Expect(number, text, client, command, expected, within);
    }

    private static Command scriptCommand(List<Token> tokens) throws CommandSyntaxException {
        Command command = CommandParser.parse(tokens);
        if (command instanceof Command.Help || command instanceof Command.Quit) {
            throw new CommandSyntaxException("'" + tokens.get(0).text() + "' is for the shell; a script ends after its last line");
        }
        return command;
    }

    private static Duration duration(String keyword, List<Token> args) throws CommandSyntaxException {
        if (args.size() != 1) throw new CommandSyntaxException(keyword + " needs one duration, e.g. " + keyword + " 2s");
        return parseDuration(args.get(0).text());
    }

    private static Duration parseDuration(String text) throws CommandSyntaxException {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandSyntaxException(e.getMessage());
        }
    }

    /** Inside a parallel block every line names its client; outside, a line without one runs on the script's own thread. */
    private Optional<String> inBlock(Optional<String> client, String text) throws CommandSyntaxException {
        if (block != null && client.isEmpty()) {
            throw new CommandSyntaxException("inside 'parallel' each line names its client, e.g. 'c1: " + text + "'");
        }
        return client;
    }

    private static void noPrefix(String keyword, Optional<String> client) throws CommandSyntaxException {
        if (client.isPresent()) throw new CommandSyntaxException("'" + keyword + "' belongs to the script, not to client '" + client.get() + "'");
    }

    private void add(Step step) throws CommandSyntaxException {
        if (block == null) {
            steps.add(step);
        } else if (step instanceof Step.Echo) {
            throw new CommandSyntaxException("'echo' is not allowed inside 'parallel'");
        } else {
            block.add(step);
        }
    }
}
