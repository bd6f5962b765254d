package dev.kvstore.client;

/** The replica refused the request itself (an empty key, a value over the size limit); nothing changed. Retrying will not help. */
public final class RequestRejectedException extends ClientException {
    private static final long serialVersionUID = 1L;

    public RequestRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
