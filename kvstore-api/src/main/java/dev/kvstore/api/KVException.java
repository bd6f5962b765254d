package dev.kvstore.api;

/** Base of every typed error KVStore reports; its subclasses say what the caller may do next. */
public class KVException extends Exception {
    private static final long serialVersionUID = 1L;

    public KVException(String message) {
        super(message);
    }

    public KVException(String message, Throwable cause) {
        super(message, cause);
    }
}
