package dev.kvstore.verify.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a history as JSON lines: one object per line, {@code "type":"op"} or {@code "type":"fault"},
 * in time order (operations at their invocation). Times are nanoseconds since the history began. Stateless.
 */
public final class HistoryJson {
    private HistoryJson() {}

    public static String toJson(Operation op) {
        String result = switch (op.type()) {
            case GET -> op.outcome() == Outcome.OK ? JsonText.quote(op.readValue()) : "null";
            case DELETE -> op.existed() == null ? "null" : op.existed().toString();
            case PUT -> "null";
        };
        return "{\"type\":\"op\",\"id\":" + op.id()
                + ",\"process\":" + JsonText.quote(op.process())
                + ",\"node\":" + op.node()
                + ",\"f\":" + JsonText.quote(op.type().jsonName())
                + ",\"key\":" + JsonText.quote(op.key())
                + ",\"value\":" + JsonText.quote(op.value())
                + ",\"outcome\":" + JsonText.quote(op.outcome().jsonName())
                + ",\"result\":" + result
                + ",\"invoke_ns\":" + op.invokeNanos()
                + ",\"complete_ns\":" + op.completeNanos()
                + ",\"error\":" + JsonText.quote(op.error())
                + "}";
    }

    public static String toJson(FaultEvent fault) {
        return "{\"type\":\"fault\",\"id\":" + fault.id()
                + ",\"action\":" + JsonText.quote(fault.action().jsonName())
                + ",\"target\":" + JsonText.quote(fault.target())
                + ",\"pid\":" + fault.pid()
                + ",\"time_ns\":" + fault.atNanos()
                + ",\"note\":" + JsonText.quote(fault.note())
                + "}";
    }

    /** The history's lines in time order, faults before operations at the same instant. */
    public static List<String> lines(History history) {
        record Line(long at, int order, long id, String json) {}
        List<Line> lines = new ArrayList<>();
        for (FaultEvent f : history.faults()) lines.add(new Line(f.atNanos(), 0, f.id(), toJson(f)));
        for (Operation op : history.operations()) lines.add(new Line(op.invokeNanos(), 1, op.id(), toJson(op)));
        lines.sort(Comparator.comparingLong(Line::at).thenComparingInt(Line::order).thenComparingLong(Line::id));
        return lines.stream().map(Line::json).toList();
    }

    /** Writes {@code header} (a JSON object describing the run, or null) and then the history, UTF-8. */
    public static void write(Path file, String header, History history) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (header != null) out.write(header + "\n");
            for (String line : lines(history)) out.write(line + "\n");
        }
    }
}
