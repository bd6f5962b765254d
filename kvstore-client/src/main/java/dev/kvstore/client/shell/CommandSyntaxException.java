package dev.kvstore.client.shell;

/** A command line that cannot be understood; the message says what is wrong and what would be right, in one line. */
public final class CommandSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public CommandSyntaxException(String message) {
        super(message);
    }
}
