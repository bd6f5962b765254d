package dev.kvstore.client.shell;

import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.api.protocol.MemberStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prints results in the shell's stable output format (docs/client.md): one line per result, the
 * status command one line for the replica and one per member. Stateless.
 */
public final class ResultFormatter {
    public static final String OK = "OK";
    public static final String NOT_FOUND = "(not found)";

    private ResultFormatter() {}

    /** The lines that show {@code result}; none for quit. */
    public static List<String> lines(Result result) {
        // Java 17 has no pattern matching for switch; the interface is sealed, so this list is complete.
        if (result instanceof Result.Ok) return List.of(OK);
        if (result instanceof Result.Value value) return List.of(escape(value.value()));
        if (result instanceof Result.NotFound) return List.of(NOT_FOUND);
        if (result instanceof Result.Connected connected) return List.of("connected to " + connected.replica());
        if (result instanceof Result.StatusReport report) return status(report.status());
        if (result instanceof Result.MemberReport report) return List.of(member(report.member()));
        if (result instanceof Result.Failure failure) return List.of(failure.kind() + ": " + escape(failure.message()));
        if (result instanceof Result.Help) return HelpText.LINES;
        if (result instanceof Result.Quit) return List.of();
        throw new IllegalStateException("no format for " + result);
    }

    /** {@code replica HOST:PORT STATE applied-seq N keys N epoch N digest D}, then a {@link #member} line per member. */
    static List<String> status(ReplicaStatus status) {
        List<String> lines = new ArrayList<>();
        lines.add("replica " + status.replica() + " " + status.state() + " applied-seq " + status.appliedSeq()
                + " keys " + status.keyCount() + " epoch " + status.epoch() + " digest " + status.digest());
        status.members().stream()
                .sorted(Comparator.comparing(MemberStatus::replica))
                .map(ResultFormatter::member)
                .forEach(lines::add);
        return lines;
    }

    /** {@code member HOST:PORT STATE applied-seq N}, and {@code pid N} when the process id is known. */
    static String member(MemberStatus member) {
        String line = "member " + member.replica() + " " + member.state() + " applied-seq " + member.appliedSeq();
        return member.pid() >= 0 ? line + " pid " + member.pid() : line;
    }

    /** Shows control characters as escapes ({@code \n}, {@code \t}, {@code \r}, {@code \}{@code u001b}) so a result stays on one line. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (control && out == null) out = new StringBuilder(text.substring(0, i));
            if (out == null) continue;
            if (!control) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? text : out.toString();
    }
}
