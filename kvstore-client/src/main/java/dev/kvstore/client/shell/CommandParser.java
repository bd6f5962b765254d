package dev.kvstore.client.shell;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a command line into a {@link Command}, or a {@link CommandSyntaxException} whose message
 * names the command's usage. Command names are case-insensitive; keys and values are taken as typed.
 * Stateless.
 */
public final class CommandParser {
    /** Every command name, for help and tab completion. */
    public static final List<String> COMMANDS = List.of("get", "put", "delete", "status", "connect", "help", "quit", "exit");

    private CommandParser() {}

    /** Parses one line; empty for a blank line or a comment (a line whose first non-blank character is {@code #}). */
    public static Optional<Command> parseLine(String line) throws CommandSyntaxException {
        if (line.isBlank() || line.strip().startsWith("#")) return Optional.empty();
        return Optional.of(parse(Tokenizer.tokenize(line)));
    }

    /** Parses words that are already split, as a command line's arguments are. */
    public static Command parseWords(List<String> words) throws CommandSyntaxException {
        return parse(words.stream().map(w -> new Token(w, true)).toList());
    }

    /** Parses a non-empty list of words. */
    public static Command parse(List<Token> tokens) throws CommandSyntaxException {
        if (tokens.isEmpty()) throw new CommandSyntaxException("no command; type 'help' for the commands");
        String name = tokens.get(0).text().toLowerCase(Locale.ROOT);
        List<String> args = tokens.subList(1, tokens.size()).stream().map(Token::text).toList();
        return switch (name) {
            case "get" -> new Command.Get(key(name, args, 1));
            case "put" -> new Command.Put(key(name, args, 2), args.get(1));
            case "delete" -> new Command.Delete(key(name, args, 1));
            case "status" -> {
                arity(name, args, 0, 1);
                yield new Command.Status(args.isEmpty() ? Optional.empty() : Optional.of(Target.parse(args.get(0))));
            }
            case "connect" -> {
                arity(name, args, 1, 1);
                yield new Command.Connect(Target.parse(args.get(0)));
            }
            case "help" -> {
                arity(name, args, 0, 0);
                yield new Command.Help();
            }
            case "quit", "exit" -> {
                arity(name, args, 0, 0);
                yield new Command.Quit();
            }
            default -> throw new CommandSyntaxException("unknown command '" + tokens.get(0).text()
                    + "'; the commands are get, put, delete, status, connect, help, quit");
        };
    }

    /** The usage line of {@code name}, e.g. {@code put KEY VALUE}. */
    public static String usage(String name) {
        return switch (name) {
            case "get" -> "get KEY";
            case "put" -> "put KEY VALUE";
            case "delete" -> "delete KEY";
            case "status" -> "status [HOST:PORT]";
            case "connect" -> "connect HOST:PORT";
            case "help" -> "help";
            default -> name;
        };
    }

    /** Checks the arity of a key command and returns its key, which may not be empty. */
    private static String key(String name, List<String> args, int count) throws CommandSyntaxException {
        arity(name, args, count, count);
        if (args.get(0).isEmpty()) throw new CommandSyntaxException(name + ": the key is empty (usage: " + usage(name) + ")");
        return args.get(0);
    }

    private static void arity(String name, List<String> args, int min, int max) throws CommandSyntaxException {
        if (args.size() < min) {
            String[] words = usage(name).split(" ");
            throw new CommandSyntaxException(name + ": missing " + words[args.size() + 1] + " (usage: " + usage(name) + ")");
        }
        if (args.size() > max) {
            String hint = name.equals("put") ? "; quote a value that has spaces: put KEY \"a b\"" : "";
            throw new CommandSyntaxException(name + ": too many arguments (usage: " + usage(name) + hint + ")");
        }
    }
}
