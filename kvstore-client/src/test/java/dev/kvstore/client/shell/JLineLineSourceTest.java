package dev.kvstore.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The terminal path, on a dumb terminal over streams: lines as typed, '!' kept, history saved for the next session. */
@Timeout(10)
class JLineLineSourceTest {
    private static Terminal terminal(String typed) throws Exception {
        return new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8);
    }

    @Test
    void readsTypedLinesUntilEndOfInputAndKeepsThemInTheHistoryFile(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history");
        JLineLineSource source = new JLineLineSource(terminal("put k \"wow! 鍵\"\nget k\n"), history);

        assertThat(source.readLine("> ")).isEqualTo("put k \"wow! 鍵\"");
        assertThat(source.readLine("> ")).isEqualTo("get k");
        assertThat(source.readLine("> ")).as("Ctrl-D / end of input").isNull();
        source.close();

        assertThat(Files.readString(history, StandardCharsets.UTF_8)).contains("get k");
    }
}
