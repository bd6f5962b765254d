package dev.kvstore.api.protocol;

import java.io.Serializable;
import java.util.Objects;

/** A replica's identity: the host and port its registry listens on. Printed as {@code host:port}. */
public record ReplicaId(String host, int port) implements Serializable, Comparable<ReplicaId> {
    public ReplicaId {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("a replica's host is not blank");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** Parses {@code host:port}. */
    public static ReplicaId parse(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("expected host:port, got '" + hostAndPort + "'");
        try {
            return new ReplicaId(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port, got '" + hostAndPort + "'", e);
        }
    }

    @Override
    public int compareTo(ReplicaId other) {
        int byHost = host.compareTo(other.host);
        return byHost != 0 ? byHost : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
