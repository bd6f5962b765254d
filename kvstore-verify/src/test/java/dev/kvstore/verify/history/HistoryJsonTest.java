package dev.kvstore.verify.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryJsonTest {
    @TempDir
    Path dir;

    @Test
    void writesOneOperationAsOneJsonObject() {
        Operation put = new Operation(7, "c3", 40123, OpType.PUT, "k1", "c3-17", Outcome.OK, null, null, 100, 250, null);
        assertThat(HistoryJson.toJson(put)).isEqualTo("{\"type\":\"op\",\"id\":7,\"process\":\"c3\",\"node\":40123,\"f\":\"put\","
                + "\"key\":\"k1\",\"value\":\"c3-17\",\"outcome\":\"ok\",\"result\":null,\"invoke_ns\":100,\"complete_ns\":250,\"error\":null}");
    }

    @Test
    void writesTheResultOfReadsAndDeletes() {
        Operation get = new Operation(1, "c1", 1, OpType.GET, "k", null, Outcome.OK, "v", null, 0, 1, null);
        Operation absent = new Operation(2, "c1", 1, OpType.GET, "k", null, Outcome.OK, null, null, 0, 1, null);
        Operation delete = new Operation(3, "c1", 1, OpType.DELETE, "k", null, Outcome.OK, null, false, 0, 1, null);
        Operation lost = new Operation(4, "c1", 1, OpType.DELETE, "k", null, Outcome.INFO, null, null, 0, 1, "timed out");
        assertThat(HistoryJson.toJson(get)).contains("\"result\":\"v\"");
        assertThat(HistoryJson.toJson(absent)).contains("\"result\":null");
        assertThat(HistoryJson.toJson(delete)).contains("\"result\":false");
        assertThat(HistoryJson.toJson(lost)).contains("\"outcome\":\"info\"", "\"result\":null", "\"error\":\"timed out\"");
    }

    @Test
    void writesAFaultWithItsTime() {
        FaultEvent f = new FaultEvent(9, FaultAction.PAUSE_REPLICA, "replica:40123", 4321, 5_000_000_000L, "");
        assertThat(HistoryJson.toJson(f)).isEqualTo("{\"type\":\"fault\",\"id\":9,\"action\":\"pause-replica\","
                + "\"target\":\"replica:40123\",\"pid\":4321,\"time_ns\":5000000000,\"note\":\"\"}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(JsonText.quote("a\"b\\c\nd\te\u0001f")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\"");
        assertThat(JsonText.quote("wörld ✓")).isEqualTo("\"wörld ✓\"");
        assertThat(JsonText.quote("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThat(JsonText.quote("lone \uD800 surrogate")).isEqualTo("\"lone \\ud800 surrogate\"");
        assertThat(JsonText.quote(null)).isEqualTo("null");
    }

    @Test
    void writesHeaderThenFaultsAndOperationsInTimeOrder() throws Exception {
        long[] now = {0};
        History history = new History(() -> now[0]);
        now[0] = 10;
        History.Invocation inv = history.invoke("c1", 1, OpType.PUT, "k", "v");
        now[0] = 20;
        history.fault(FaultAction.KILL_REPLICA, "replica:1", 99, "");
        now[0] = 30;
        history.complete(inv, Outcome.OK, null, null, null);
        Path file = dir.resolve("sub/history.jsonl");

        HistoryJson.write(file, "{\"type\":\"run\"}", history);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"type\":\"run\"}");
        assertThat(lines.get(1)).contains("\"type\":\"op\"", "\"invoke_ns\":10", "\"complete_ns\":30");
        assertThat(lines.get(2)).contains("\"type\":\"fault\"", "\"time_ns\":20");
    }
}
