package dev.kvstore.bench.restart;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** Prints the rounds of a restart run as a table, then min, median and max of each column. Stateless. */
public final class RestartReport {
    private RestartReport() {}

    /** The table, headed by what was measured. */
    public static void print(PrintStream out, String heading, List<RestartRound> rounds) {
        out.println(heading);
        String format = "%-7s %6s %13s %12s %9s %8s %10s %10s %8s%n";
        out.printf(format, "round", "port", "kill->process", "process->UP", "kill->UP", "jvm", "snapshot", "decisions", "join");
        for (RestartRound r : rounds) {
            out.printf(format, r.round(), r.port(), ms(r.killToProcessMillis()), ms(r.processToUpMillis()), ms(r.killToUpMillis()),
                    ms(r.log().jvmMillis()), ms(r.log().snapshotMillis()), ms(r.log().decisionsMillis()), ms(r.log().joinMillis()));
        }
        for (String stat : List.of("min", "median", "max")) {
            out.printf(format, stat, "",
                    ms(stat(stat, rounds, r -> OptionalLong.of(r.killToProcessMillis()))),
                    ms(stat(stat, rounds, r -> OptionalLong.of(r.processToUpMillis()))),
                    ms(stat(stat, rounds, r -> OptionalLong.of(r.killToUpMillis()))),
                    ms(stat(stat, rounds, r -> r.log().jvmMillis())),
                    ms(stat(stat, rounds, r -> r.log().snapshotMillis())),
                    ms(stat(stat, rounds, r -> r.log().decisionsMillis())),
                    ms(stat(stat, rounds, r -> r.log().joinMillis())));
        }
        out.println("process->UP: from the new replica process to its status saying UP; jvm: JVM uptime when it began"
                + " to serve RMI; snapshot, decisions, join: the phases of its catch-up, from its log.");
    }

    /** Min, median (the lower middle for an even count) or max of the values present; empty if none is. */
    static OptionalLong stat(String which, List<RestartRound> rounds, Function<RestartRound, OptionalLong> column) {
        List<Long> values = new ArrayList<>();
        for (RestartRound r : rounds) column.apply(r).ifPresent(values::add);
        if (values.isEmpty()) return OptionalLong.empty();
        values.sort(null);
        return switch (which) {
            case "min" -> OptionalLong.of(values.get(0));
            case "median" -> OptionalLong.of(values.get((values.size() - 1) / 2));
            case "max" -> OptionalLong.of(values.get(values.size() - 1));
            default -> throw new IllegalArgumentException("no statistic " + which);
        };
    }

    private static String ms(long millis) {
        return String.format("%.2f s", millis / 1000.0);
    }

    private static String ms(OptionalLong millis) {
        return millis.isPresent() ? ms(millis.getAsLong()) : "-";
    }
}
