package dev.kvstore.client.shell;

/** The exit statuses of {@code kvstore-client}, documented in docs/client.md. */
public enum ExitStatus {
    /** The command succeeded, or the script's expectations all held. */
    OK(0),
    /** get or delete found no such key. */
    NOT_FOUND(1),
    /** A bad option or command, or a request the replica refused as invalid. */
    USAGE(2),
    /** A write aborted on every attempt. */
    ABORTED(3),
    /** No replica could serve the command, or a write's outcome is unknown. */
    UNAVAILABLE(4),
    /** A script had a syntax error (nothing ran) or an expectation that failed. */
    SCRIPT_FAILED(5),
    /** A bug in the client. */
    INTERNAL_ERROR(70);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit status of a one-shot command that produced {@code result}. */
    public static ExitStatus of(Result result) {
        if (result instanceof Result.NotFound) return NOT_FOUND;
        if (result instanceof Result.Failure failure) return failure.kind().exitStatus();
        return OK;
    }
}
