package dev.kvstore.client.script;

import dev.kvstore.api.ReplicaState;
import dev.kvstore.client.shell.Command;
import dev.kvstore.client.shell.CommandSyntaxException;
import dev.kvstore.client.shell.ErrorKind;
import dev.kvstore.client.shell.Result;
import dev.kvstore.client.shell.ResultFormatter;
import dev.kvstore.client.shell.Token;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** The result an {@code expect} line asks for, written after {@code ==}. */
public sealed interface Expected {
    /** Whether {@code result} is what was asked for. */
    boolean matches(Result result);

    /** As it is written in a script. */
    String describe();

    /** {@code OK}: a put or delete succeeded, or a connect connected. */
    record Ok() implements Expected {
        @Override
        public boolean matches(Result result) {
            return result instanceof Result.Ok || result instanceof Result.Connected;
        }

        @Override
        public String describe() {
            return ResultFormatter.OK;
        }
    }

    /** {@code (not found)} */
    record NotFound() implements Expected {
        @Override
        public boolean matches(Result result) {
            return result instanceof Result.NotFound;
        }

        @Override
        public String describe() {
            return ResultFormatter.NOT_FOUND;
        }
    }

    /** A value that get must return exactly. */
    record Value(String value) implements Expected {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(Result result) {
            return result instanceof Result.Value found && found.value().equals(value);
        }

        @Override
        public String describe() {
            return '"' + ResultFormatter.escape(value).replace("\"", "\\\"") + '"';
        }
    }

    /** {@code ABORTED}, {@code UNAVAILABLE} or {@code INVALID}: the command must fail that way. */
    record Failure(ErrorKind kind) implements Expected {
        public Failure {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public boolean matches(Result result) {
            return result instanceof Result.Failure failure && failure.kind() == kind;
        }

        @Override
        public String describe() {
            return kind.name();
        }
    }

    /** {@code UP}, {@code DOWN}, ...: the state status reports for the replica, or for the member it names. */
    record State(ReplicaState state) implements Expected {
        public State {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public boolean matches(Result result) {
            if (result instanceof Result.StatusReport report) return report.status().state() == state;
            if (result instanceof Result.MemberReport report) return report.member().state() == state;
            return false;
        }

        @Override
        public String describe() {
            return state.name();
        }
    }

    /**
     * Reads the words after {@code ==}. Bare words are keywords ({@code OK}, {@code (not found)},
     * {@code ABORTED}, {@code UNAVAILABLE}, {@code INVALID}, and states for status); for get, any
     * other single word, or one quoted value, is the value to compare.
     */
    static Expected parse(Command command, List<Token> words) throws CommandSyntaxException {
        if (words.isEmpty()) throw new CommandSyntaxException("nothing after '=='; expect e.g. OK, (not found), UNAVAILABLE or a value");
        boolean bare = words.stream().noneMatch(Token::quoted);
        String joined = words.stream().map(Token::text).collect(Collectors.joining(" "));
        String name = commandName(command);
        if (bare && List.of("ABORTED", "UNAVAILABLE", "INVALID").contains(joined)) {
            return new Failure(ErrorKind.valueOf(joined));
        }
        if (bare && joined.equals(ResultFormatter.NOT_FOUND)) {
            if (command instanceof Command.Get || command instanceof Command.Delete) return new NotFound();
            throw new CommandSyntaxException(name + " is never (not found); " + choices(command));
        }
        if (command instanceof Command.Get) {
            if (words.size() == 1) return new Value(words.get(0).text());
            throw new CommandSyntaxException("expected one value after '=='; quote a value that has spaces: == \"a b\"");
        }
        if (command instanceof Command.Status && bare) {
            try {
                return new State(ReplicaState.valueOf(joined.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandSyntaxException("unknown result '" + joined + "' for status; " + choices(command));
            }
        }
        if (bare && joined.equals(ResultFormatter.OK) && !(command instanceof Command.Status)) return new Ok();
        throw new CommandSyntaxException("unknown result '" + joined + "' for " + name + "; " + choices(command));
    }

    private static String choices(Command command) {
        if (command instanceof Command.Status) return "status results are UP, DOWN, CATCHING_UP, STARTING, UNAVAILABLE or INVALID";
        if (command instanceof Command.Delete) return "delete results are OK, (not found), ABORTED, UNAVAILABLE or INVALID";
        if (command instanceof Command.Get) return "get results are a value, (not found), UNAVAILABLE or INVALID";
        return commandName(command) + " results are OK, ABORTED, UNAVAILABLE or INVALID";
    }

    private static String commandName(Command command) {
        return command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
