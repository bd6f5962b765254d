package dev.kvstore.client.shell;

import dev.kvstore.api.protocol.ReplicaId;
import java.util.Objects;
import java.util.Optional;

/**
 * A replica as typed in a command: {@code HOST:PORT}, or just {@code PORT}, which means the host of
 * the replica in use.
 */
public record Target(Optional<String> host, int port) {
    public Target {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** Parses {@code HOST:PORT} or {@code PORT}. */
    public static Target parse(String text) throws CommandSyntaxException {
        try {
            if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
                return new Target(Optional.empty(), Integer.parseInt(text));
            }
            ReplicaId id = ReplicaId.parse(text);
            return new Target(Optional.of(id.host()), id.port());
        } catch (IllegalArgumentException e) {
            throw new CommandSyntaxException("expected HOST:PORT or PORT, got '" + text + "'");
        }
    }

    /** This target, with {@code current}'s host when no host was given. */
    public ReplicaId resolve(ReplicaId current) {
        return new ReplicaId(host.orElse(current.host()), port);
    }

    /** Whether {@code replica} is this target: the same port, and the same host when one was given. */
    public boolean matches(ReplicaId replica) {
        return replica.port() == port && host.map(h -> h.equals(replica.host())).orElse(true);
    }

    @Override
    public String toString() {
        return host.map(h -> h + ":" + port).orElse(Integer.toString(port));
    }
}
