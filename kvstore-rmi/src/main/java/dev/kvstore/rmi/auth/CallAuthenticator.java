package dev.kvstore.rmi.auth;

import dev.kvstore.api.protocol.AuthenticationException;
import dev.kvstore.api.protocol.Credential;
import java.nio.charset.StandardCharsets;
import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and checks the credentials of peer and coordinator calls. A credential's MAC covers the
 * method, the caller, the time, a nonce and the canonical arguments (or, for the calls that
 * travel as {@code Frames}, the body's bytes exactly as sent), so it proves membership
 * and cannot be moved to another call; a nonce seen within the freshness window is refused, so
 * it cannot be replayed either. Thread-safe.
 */
public final class CallAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(CallAuthenticator.class);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final String self;
    private final LongSupplier wallClockMillis;
    private final long windowMillis;
    private final SeenNonces seenNonces;
    private final ThreadLocal<Mac> macs;

    /**
     * @param self how this process names itself in the credentials it signs
     * @param window how far a credential's time may be from ours, either way; it bounds clock
     *     skew plus delivery delay, and how long nonces are remembered
     */
    public CallAuthenticator(ClusterSecret secret, String self, Duration window, LongSupplier wallClockMillis) {
        this.key = new SecretKeySpec(secret.key(), ALGORITHM);
        this.self = self;
        this.windowMillis = window.toMillis();
        this.wallClockMillis = wallClockMillis;
        this.seenNonces = new SeenNonces(windowMillis);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public CallAuthenticator(ClusterSecret secret, String self) {
        this(secret, self, Duration.ofSeconds(30), System::currentTimeMillis);
    }

    /** A credential for one call of {@code method} with {@code args}. */
    public Credential sign(String method, Object... args) {
        long issuedAt = wallClockMillis.getAsLong();
        // Nonces need to be unique, not secret: the MAC already makes them unforgeable.
        long nonce = ThreadLocalRandom.current().nextLong();
        return new Credential(self, issuedAt, nonce, mac(method, self, issuedAt, nonce, args));
    }

    /** A credential for one call of {@code method} whose body is {@code body}, signed as it will travel. */
    public Credential signBody(String method, byte[] body) {
        long issuedAt = wallClockMillis.getAsLong();
        long nonce = ThreadLocalRandom.current().nextLong();
        return new Credential(self, issuedAt, nonce, mac(method, self, issuedAt, nonce, body));
    }

    /** Checks {@code credential} for a call of {@code method} with {@code args}; throws saying why it is refused. */
    public void verify(String method, Credential credential, Object... args) throws AuthenticationException {
        if (credential == null) throw new AuthenticationException(method + " carries no credential");
        check(method, credential, mac(method, credential.caller(), credential.issuedAtMillis(), credential.nonce(), args));
    }

    /** Checks {@code credential} for a call of {@code method} whose body arrived as {@code body}. */
    public void verifyBody(String method, Credential credential, byte[] body) throws AuthenticationException {
        if (credential == null) throw new AuthenticationException(method + " carries no credential");
        check(method, credential, mac(method, credential.caller(), credential.issuedAtMillis(), credential.nonce(), body));
    }

    private void check(String method, Credential credential, String expected) throws AuthenticationException {
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), credential.mac().getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthenticationException(method + " carries a credential that is not valid for this cluster and these arguments");
        }
        long now = wallClockMillis.getAsLong();
        if (Math.abs(now - credential.issuedAtMillis()) > windowMillis) {
            throw new AuthenticationException(method + " carries a credential issued " + (now - credential.issuedAtMillis())
                    + " ms from now, outside the " + windowMillis + " ms window");
        }
        if (!seenNonces.firstSighting(credential.nonce(), credential.issuedAtMillis(), now)) {
            throw new AuthenticationException(method + " replays a credential already used");
        }
    }

    /**
     * {@link #verify} for an incoming RMI call: a refusal is also logged with the caller's
     * address, as every refused peer or coordinator call must be.
     */
    public void admit(String method, Credential credential, Object... args) throws AuthenticationException {
        try {
            verify(method, credential, args);
        } catch (AuthenticationException e) {
            throw refused(method, e);
        }
    }

    /** {@link #verifyBody} for an incoming RMI call, logged like {@link #admit}. */
    public void admitBody(String method, Credential credential, byte[] body) throws AuthenticationException {
        try {
            verifyBody(method, credential, body);
        } catch (AuthenticationException e) {
            throw refused(method, e);
        }
    }

    /** Logs a refused incoming call with the caller's address and returns the exception to throw. */
    public static AuthenticationException refused(String method, AuthenticationException e) {
        log.warn("refused {} from {}: {}", method, callerHost(), e.getMessage());
        return e;
    }

    private static String callerHost() {
        try {
            return RemoteServer.getClientHost();
        } catch (ServerNotActiveException e) {
            return "(not an RMI call)";
        }
    }

    private String mac(String method, String caller, long issuedAt, long nonce, Object[] args) {
        return mac(method, caller, issuedAt, nonce, Canonical.encode(args));
    }

    // The header's canonical form starts with its count of values and the arguments' with theirs,
    // while a body starts with its message kind; the method name keeps the two kinds of call apart.
    private String mac(String method, String caller, long issuedAt, long nonce, byte[] body) {
        Mac mac = macs.get();
        mac.update(Canonical.encode(method, caller, issuedAt, nonce));
        mac.update(body);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
