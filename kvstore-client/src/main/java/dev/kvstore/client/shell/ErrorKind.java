package dev.kvstore.client.shell;

/** The kind of a failed command: the word its error line starts with, and the exit status it maps to. */
public enum ErrorKind {
    /** The command line itself is wrong. */
    USAGE(ExitStatus.USAGE),
    /** The replica refused the request (an empty key, a value too large). */
    INVALID(ExitStatus.USAGE),
    /** The write aborted on every attempt; nothing committed. */
    ABORTED(ExitStatus.ABORTED),
    /** No replica could serve it: down, catching up, unreachable, or the connection was lost. */
    UNAVAILABLE(ExitStatus.UNAVAILABLE);

    private final ExitStatus exitStatus;

    ErrorKind(ExitStatus exitStatus) {
        this.exitStatus = exitStatus;
    }

    public ExitStatus exitStatus() {
        return exitStatus;
    }
}
