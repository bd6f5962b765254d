package dev.kvstore.client.shell;

import java.util.Objects;

/**
 * One word of a command line, with its quotes removed.
 *
 * @param quoted whether any part of it was quoted: a quoted {@code "=="} or {@code "OK"} is a value, not a keyword
 */
public record Token(String text, boolean quoted) {
    public Token {
        Objects.requireNonNull(text, "text");
    }

    /** Whether this is the bare word {@code word}, not quoted. */
    public boolean is(String word) {
        return !quoted && text.equals(word);
    }
}
