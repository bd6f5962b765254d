package dev.kvstore.client.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Reads commands from a terminal with JLine: line editing, history kept in a file across
 * sessions, and tab completion of command names. Ctrl-C drops the line being typed; Ctrl-D ends
 * the input. Not thread-safe.
 */
public final class JLineLineSource implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;

    JLineLineSource(Terminal terminal, Path historyFile) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("kvstore-client")
                .completer(new ArgumentCompleter(new StringsCompleter(CommandParser.COMMANDS), NullCompleter.INSTANCE))
                .variable(LineReader.HISTORY_FILE, historyFile)
                // '!' in a value is a value, not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    /** A line source on this process's terminal. */
    public static JLineLineSource onSystemTerminal(Path historyFile) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build();
        return new JLineLineSource(terminal, historyFile);
    }

    /** Where results are printed, so they do not garble the line being edited. */
    public PrintWriter writer() {
        return terminal.writer();
    }

    @Override
    public String readLine(String prompt) {
        while (true) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // Ctrl-C: forget the line, prompt again.
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            terminal.writer().println("(could not save the history: " + e.getMessage() + ")");
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal is going away with the process
        }
    }
}
