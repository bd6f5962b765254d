package dev.kvstore.bench.kvstore;

import java.util.ArrayList;
import java.util.List;

/** A replica's registry address, {@code host:port}, as given to {@code --endpoints}. */
public record Endpoint(String host, int port) {
    public Endpoint {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("an endpoint needs a host");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is not in 1-65535");
    }

    /** Parses {@code host:port}; the message says what is wrong. */
    public static Endpoint parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host:port, e.g. 127.0.0.1:1111");
        }
        try {
            return new Endpoint(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port, e.g. 127.0.0.1:1111");
        }
    }

    /** Parses a comma-separated list of {@code host:port}; at least one. */
    public static List<Endpoint> parseList(String text) {
        List<Endpoint> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) out.add(parse(part));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no endpoint in '" + text + "'");
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
