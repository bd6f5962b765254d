package dev.kvstore.coordinator.log;

/**
 * A durable write or read of the coordinator's committed copy failed. The coordinator can no longer
 * tell what is on disk, so the process must stop; recovery from the decision log repairs it on restart.
 */
public final class StorageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageFailure(String message) {
        super(message);
    }
}
