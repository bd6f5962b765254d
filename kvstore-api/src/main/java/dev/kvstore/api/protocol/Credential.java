package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/**
 * Proof that a peer or coordinator call comes from a member of the cluster: an HMAC, under the
 * cluster secret, of the method, the caller, the time, a nonce and the call's arguments. A
 * credential is good for one call only: the receiver refuses a nonce it has seen before.
 *
 * @param caller who says it calls, e.g. {@code replica 127.0.0.1:1111}; bound by the MAC
 * @param issuedAtMillis the caller's wall clock when it signed
 * @param nonce random, never reused
 * @param mac hex HMAC-SHA256
 */
public record Credential(String caller, long issuedAtMillis, long nonce, String mac) implements Serializable {
    public Credential {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(mac, "mac");
        if (caller.length() > 256 || mac.length() > 128) throw new IllegalArgumentException("credential fields too long");
    }

    /** Travels in the compact {@link MessageWire} form. */
    private Object writeReplace() {
        return MessageWire.of(this);
    }
}
