package dev.kvstore.client.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads UTF-8 lines from a pipe or a file, without prompts. Not thread-safe. */
public final class PlainLineSource implements LineSource {
    private final BufferedReader reader;

    public PlainLineSource(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public String readLine(String prompt) throws IOException {
        return reader.readLine();
    }

    @Override
    public void close() {
        // The stream belongs to the caller (standard input, usually): leave it open.
    }
}
