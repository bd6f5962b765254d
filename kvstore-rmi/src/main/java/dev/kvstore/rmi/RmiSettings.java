package dev.kvstore.rmi;

import java.time.Duration;

/**
 * JVM-wide RMI settings. RMI reads them once, when its transport classes load, so a process
 * calls {@link #install} first thing in {@code main}, before any RMI use.
 */
public final class RmiSettings {
    private RmiSettings() {}

    /**
     * Bounds RMI's own client-side reads by {@code timeout}, advertises {@code advertiseHost} in exported
     * stubs, and installs the registry's allow-list. Properties already set on the command line win.
     */
    public static void install(Duration timeout, String advertiseHost, long maxBytes) {
        String millis = Long.toString(timeout.toMillis());
        setIfAbsent("sun.rmi.transport.tcp.responseTimeout", millis);
        setIfAbsent("sun.rmi.transport.tcp.handshakeTimeout", millis);
        // No read timeout on the serving side: with one (RMI's default is 2 h), every read of a
        // call is a non-blocking read, a poll and a read again; without, it is one blocking
        // read. That was a third more GETs per second with 128 clients. Clients close pooled
        // connections after 15 s idle, and accepted sockets keep TCP keep-alive on
        // (CallSizeLimitedServerSocket), which bounds a connection whose peer vanished.
        setIfAbsent("sun.rmi.transport.tcp.readTimeout", "0");
        setIfAbsent("java.rmi.server.hostname", advertiseHost);
        setIfAbsent("sun.rmi.registry.registryFilter", SerialFilters.registryPattern(maxBytes));
        // Stubs are cached and reused; no code is ever loaded from the network.
        setIfAbsent("java.rmi.server.useCodebaseOnly", "true");
    }

    /**
     * For a cluster member's process: its client sockets answer RMI's reuse ping themselves on a
     * connection with a reply in the last second, instead of a round trip per reused connection.
     * Members treat every failed call to another member alike, so a call that fails on a reused
     * connection needs no ping to tell it apart ({@link ReusePing} says why and what it saves).
     * Plain and TLS connections alike.
     */
    public static void answerReusePingsLocally() {
        ReusePing.answerInThisProcess();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
