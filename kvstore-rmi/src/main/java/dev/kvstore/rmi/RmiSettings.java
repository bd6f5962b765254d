package dev.kvstore.rmi;

import java.time.Duration;

/**
 * JVM-wide RMI settings. RMI reads them once, when its transport classes load, so a process
 * calls {@link #install} first thing in {@code main}, before any RMI use.
 */
public final class RmiSettings {
    private RmiSettings() {}

    /**
     * Bounds RMI's own reads by {@code timeout}, advertises {@code advertiseHost} in exported
     * stubs, and installs the registry's allow-list. Properties already set on the command line win.
     */
    public static void install(Duration timeout, String advertiseHost, long maxBytes) {
        String millis = Long.toString(timeout.toMillis());
        setIfAbsent("sun.rmi.transport.tcp.responseTimeout", millis);
        setIfAbsent("sun.rmi.transport.tcp.handshakeTimeout", millis);
        setIfAbsent("java.rmi.server.hostname", advertiseHost);
        setIfAbsent("sun.rmi.registry.registryFilter", SerialFilters.registryPattern(maxBytes));
        // Stubs are cached and reused; no code is ever loaded from the network.
        setIfAbsent("java.rmi.server.useCodebaseOnly", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
