package dev.kvstore.client.script;

import java.util.List;

/**
 * How a script run went: the expectations checked and those that failed.
 *
 * @param expectations expectations checked
 * @param failures failed expectations and steps that could not run
 */
public record ScriptReport(int expectations, List<Failure> failures) {
    public ScriptReport {
        failures = List.copyOf(failures);
    }

    /** One failed expectation: where it is, what it ran, and what came back instead. */
    public record Failure(int line, String client, String text, String got) {
        @Override
        public String toString() {
            return "line " + line + " (" + client + "): " + text + " -> " + got;
        }
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
