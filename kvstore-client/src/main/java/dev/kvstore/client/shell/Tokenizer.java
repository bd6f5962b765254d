package dev.kvstore.client.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words, shell style: whitespace separates words; {@code "..."} keeps
 * spaces and understands {@code \"}, {@code \\}, {@code \n}, {@code \t} and {@code \r}; {@code '...'}
 * keeps everything as it is; quoted and bare parts next to each other form one word. Stateless.
 */
public final class Tokenizer {
    private Tokenizer() {}

    public static List<Token> tokenize(String line) throws CommandSyntaxException {
        List<Token> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) tokens.add(new Token(word.toString(), quoted));
                word.setLength(0);
                inWord = false;
                quoted = false;
                i++;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
                quoted = true;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) throw new CommandSyntaxException("unterminated ' quote (starting at column " + (i + 1) + ")");
                word.append(line, i + 1, close);
                i = close + 1;
                inWord = true;
                quoted = true;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) tokens.add(new Token(word.toString(), quoted));
        return tokens;
    }

    /** Appends the double-quoted text starting at {@code from} to {@code word}; returns the index after the closing quote. */
    private static int doubleQuoted(String line, int from, StringBuilder word) throws CommandSyntaxException {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') return i + 1;
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                switch (next) {
                    case '"', '\\' -> word.append(next);
                    case 'n' -> word.append('\n');
                    case 't' -> word.append('\t');
                    case 'r' -> word.append('\r');
                    default -> word.append(c).append(next); // an unknown escape stays as typed
                }
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new CommandSyntaxException("unterminated \" quote (starting at column " + from + ")");
    }
}
