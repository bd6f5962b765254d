package dev.kvstore.api.protocol;

import dev.kvstore.api.KVException;

/**
 * A peer or coordinator call was refused: it carried no valid credential of this cluster, or a
 * credential already used. The call changed nothing.
 */
public class AuthenticationException extends KVException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String reason) {
        super("call refused: " + reason);
    }
}
