package dev.kvstore.api;

/** The request was malformed (null or empty key, null value, a size over the limit); nothing changed. */
public class InvalidRequestException extends KVException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
