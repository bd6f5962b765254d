package dev.kvstore.client.script;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a script run as timestamped lines: {@code [  12.345s] c1       put k v -> OK}, the time
 * counted from the start of the run. Thread-safe: clients in a parallel block print through one transcript.
 */
public final class Transcript {
    private final PrintWriter out;
    private final ScriptClock clock;
    private final long startNanos;
    private final int labelWidth;

    Transcript(PrintWriter out, ScriptClock clock, long startNanos, int labelWidth) {
        this.out = out;
        this.clock = clock;
        this.startNanos = startNanos;
        this.labelWidth = labelWidth;
    }

    /** Seconds since the start, as the transcript shows them. */
    String elapsed() {
        return String.format(Locale.ROOT, "%.3fs", (clock.nanoTime() - startNanos) / 1e9);
    }

    synchronized void line(String label, String text) {
        double seconds = (clock.nanoTime() - startNanos) / 1e9;
        out.println(String.format(Locale.ROOT, "[%9.3fs] %-" + labelWidth + "s %s", seconds, label, text));
        out.flush();
    }
}
