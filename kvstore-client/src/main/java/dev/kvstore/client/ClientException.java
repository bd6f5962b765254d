package dev.kvstore.client;

/**
 * A request the client could not complete. The subclass says why and what the caller may do:
 * {@link AbortedException} (retries ran out; nothing committed), {@link ReplicaUnavailableException}
 * (no replica could serve it; see {@link ReplicaUnavailableException#outcomeUnknown()}) and
 * {@link RequestRejectedException} (the request itself is wrong). The message is one readable line.
 */
public abstract sealed class ClientException extends Exception
        permits AbortedException, ReplicaUnavailableException, RequestRejectedException {
    private static final long serialVersionUID = 1L;

    ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
