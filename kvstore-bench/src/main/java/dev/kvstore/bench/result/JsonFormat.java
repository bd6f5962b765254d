package dev.kvstore.bench.result;

import dev.kvstore.bench.workload.Workload;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Renders a {@link Report} as one JSON object: settings, every run (with its round), and the ratios
 * of the points' medians; latencies in microseconds, NaN ratios as null. Stateless.
 */
final class JsonFormat {
    private JsonFormat() {}

    static String render(Report report) {
        Workload w = report.workload();
        String settings = object(
                field("keys", Integer.toString(w.keys())),
                field("valueSize", Integer.toString(w.valueSize())),
                field("distribution", string(w.distribution().name().toLowerCase(Locale.ROOT))),
                field("zipfTheta", number(w.zipfTheta())),
                field("seed", Long.toString(w.seed())),
                field("burnInSeconds", number(report.burnIn().toMillis() / 1000.0)),
                field("warmupSeconds", number(report.warmup().toMillis() / 1000.0)),
                field("durationSeconds", number(report.duration().toMillis() / 1000.0)),
                field("rounds", Integer.toString(report.rounds())));
        return object(
                field("settings", settings),
                field("runs", array(report.runs(), JsonFormat::run)),
                field("ratios", array(report.ratios(), JsonFormat::ratio))) + "\n";
    }

    private static String run(RunResult r) {
        return object(
                field("target", string(r.target())),
                field("tls", Boolean.toString(r.tls())),
                field("clients", Integer.toString(r.clients())),
                field("readRatio", number(r.readRatio())),
                field("round", Integer.toString(r.round())),
                field("seconds", number(r.seconds())),
                field("totalOps", Long.toString(r.totalOps())),
                field("totalOpsPerSec", number(r.totalOpsPerSec())),
                field("ops", array(r.ops(), JsonFormat::op)));
    }

    private static String op(OpStats s) {
        return object(
                field("op", string(s.op().name())),
                field("ops", Long.toString(s.ops())),
                field("aborts", Long.toString(s.aborts())),
                field("errors", Long.toString(s.errors())),
                field("opsPerSec", number(s.opsPerSec())),
                field("p50Micros", number(s.p50Micros())),
                field("p99Micros", number(s.p99Micros())),
                field("p999Micros", number(s.p999Micros())),
                field("maxMicros", number(s.maxMicros())));
    }

    private static String ratio(RatioRow r) {
        return object(
                field("workload", string(r.workload())),
                field("op", string(r.op().name())),
                field("clients", Integer.toString(r.clients())),
                field("numerator", string(r.numerator())),
                field("denominator", string(r.denominator())),
                field("numeratorOpsPerSec", number(r.numeratorOpsPerSec())),
                field("denominatorOpsPerSec", number(r.denominatorOpsPerSec())),
                field("throughputRatio", number(r.throughputRatio())),
                field("numeratorP99Micros", number(r.numeratorP99Micros())),
                field("denominatorP99Micros", number(r.denominatorP99Micros())),
                field("p99Ratio", number(r.p99Ratio())),
                field("rounds", Integer.toString(r.rounds())),
                field("lowestThroughputRatio", number(r.lowestThroughputRatio())),
                field("highestThroughputRatio", number(r.highestThroughputRatio())));
    }

    private static String field(String name, String json) {
        return string(name) + ":" + json;
    }

    private static String object(String... fields) {
        return "{" + String.join(",", fields) + "}";
    }

    private static <T> String array(List<T> items, Function<T, String> toJson) {
        StringJoiner out = new StringJoiner(",", "[", "]");
        for (T item : items) out.add(toJson.apply(item));
        return out.toString();
    }

    static String number(double value) {
        if (!Double.isFinite(value)) return "null"; // JSON has no NaN or Infinity
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
