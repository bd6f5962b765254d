package dev.kvstore.bench.restart;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a restarted replica spent its time, read back from its log: the JVM's uptime when it
 * began to serve RMI, and the phases its catch-up logged. Only the last launch in the log counts
 * (the coordinator appends a {@code === ... launching replica} header per launch). A phase the
 * log does not show is empty. Immutable.
 */
public record ReplicaLogTimings(OptionalLong jvmMillis, OptionalLong catchUpMillis, OptionalLong snapshotMillis,
        OptionalLong decisions, OptionalLong decisionsMillis, OptionalLong joinMillis) {

    static final String LAUNCH_HEADER = "=== ";
    private static final Pattern JVM = Pattern.compile("JVM up for (\\d+) ms");
    private static final Pattern CAUGHT_UP = Pattern.compile(
            "caught up in (\\d+) ms: snapshot (\\d+) ms, (\\d+) decisions pulled in (\\d+) ms, join (\\d+) ms");

    public static final ReplicaLogTimings NONE = new ReplicaLogTimings(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    /** The timings of the last launch in {@code lines}, the whole log of one replica port. */
    public static ReplicaLogTimings parse(List<String> lines) {
        int from = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(LAUNCH_HEADER)) {
                from = i;
                break;
            }
        }
        ReplicaLogTimings t = NONE;
        for (String line : lines.subList(from, lines.size())) {
            Matcher jvm = JVM.matcher(line);
            if (jvm.find()) {
                t = new ReplicaLogTimings(OptionalLong.of(Long.parseLong(jvm.group(1))), t.catchUpMillis, t.snapshotMillis,
                        t.decisions, t.decisionsMillis, t.joinMillis);
            }
            Matcher c = CAUGHT_UP.matcher(line);
            if (c.find() && t.catchUpMillis.isEmpty()) { // the first catch-up after the launch is the restart's
                t = new ReplicaLogTimings(t.jvmMillis, number(c, 1), number(c, 2), number(c, 3), number(c, 4), number(c, 5));
            }
        }
        return t;
    }

    private static OptionalLong number(Matcher m, int group) {
        return OptionalLong.of(Long.parseLong(m.group(group)));
    }
}
