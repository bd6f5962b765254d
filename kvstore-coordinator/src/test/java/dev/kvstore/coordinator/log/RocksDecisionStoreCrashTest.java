package dev.kvstore.coordinator.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kvstore.api.protocol.Decision;
import dev.kvstore.api.protocol.SnapshotEntry;
import dev.kvstore.api.protocol.TxId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL a process that is appending, then reopen: every append that returned is on disk.
 * Reference: DESIGN.md, "What must always hold" 1 (no acknowledged write is ever lost).
 */
@Tag("fault")
class RocksDecisionStoreCrashTest {
    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void everyAcknowledgedAppendSurvivesSigkill() throws Exception {
        Path storeDir = dir.resolve("store");
        Path childErr = dir.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AppendLoopMain.class.getName(), storeDir.toString())
                .redirectError(childErr.toFile())
                .start();
        List<Long> acknowledged = new ArrayList<>();
        try {
            try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                    if (line.startsWith("ACK ")) acknowledged.add(Long.parseLong(line.substring(4)));
                }
                assertThat(acknowledged).as("child stderr: %s", Files.readString(childErr)).hasSize(ACKS_BEFORE_KILL);
                child.destroyForcibly(); // SIGKILL, mid-append: the child is in a loop of appends
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        long lastAcknowledged = acknowledged.get(acknowledged.size() - 1);
        try (var store = RocksDecisionStore.open(storeDir)) {
            assertThat(store.lastSeq()).isGreaterThanOrEqualTo(lastAcknowledged);
            List<Decision> log = store.decisionsAfter(0, Integer.MAX_VALUE);
            assertThat(log).extracting(Decision::seq).startsWith(acknowledged.toArray(Long[]::new));
            assertThat(log).hasSize((int) store.lastSeq()); // contiguous from 1: no hole left by the crash
            Map<String, SnapshotEntry> entries = new HashMap<>();
            store.forEachEntry(e -> entries.put(e.key(), e));
            for (long seq : acknowledged) {
                assertThat(store.decisionOf(new TxId("crash-" + seq))).map(Decision::seq).contains(seq);
                assertThat(entries.get("seq-" + seq)).isEqualTo(new SnapshotEntry("seq-" + seq, "v", seq));
            }
        }
    }
}
