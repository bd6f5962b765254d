package dev.kvstore.client.shell;

import java.io.IOException;

/** Where the shell reads its commands from: a terminal with line editing, or a pipe. */
public interface LineSource extends AutoCloseable {
    /** The next line, or null at the end of input. {@code prompt} is shown only on a terminal. */
    String readLine(String prompt) throws IOException;

    @Override
    void close();
}
