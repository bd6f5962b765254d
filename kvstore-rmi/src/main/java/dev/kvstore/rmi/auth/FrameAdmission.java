package dev.kvstore.rmi.auth;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Frames;
import java.io.InvalidObjectException;

/**
 * Admits an incoming call that travels as {@link Frames}: opens the frame, checks the
 * credential over the body's bytes as they arrived, and only then decodes the body. A frame that
 * cannot be opened, is not signed by a member, or holds a malformed body is refused with
 * {@link AuthenticationException}, logged with the caller's address, and changes nothing.
 */
public final class FrameAdmission {
    /** Decodes an admitted body. */
    @FunctionalInterface
    public interface BodyDecoder<T> {
        T decode(byte[] body) throws InvalidObjectException;
    }

    private FrameAdmission() {}

    public static <T> T open(String method, String frame, CallAuthenticator auth, BodyDecoder<T> decoder) throws AuthenticationException {
        Frames.Request request;
        try {
            request = Frames.openRequest(frame);
        } catch (InvalidObjectException malformed) {
            throw CallAuthenticator.refused(method, new AuthenticationException(method + " carries a malformed frame: " + malformed.getMessage()));
        }
        auth.admitBody(method, request.credential(), request.body());
        try {
            return decoder.decode(request.body());
        } catch (InvalidObjectException malformed) {
            throw CallAuthenticator.refused(method, new AuthenticationException(method + " carries a malformed body: " + malformed.getMessage()));
        }
    }
}
