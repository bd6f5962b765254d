package dev.kvstore.rmi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * JVM-wide RMI settings. RMI reads them once, when its transport classes load, so a process
 * calls {@link #install} first thing in {@code main}, before any RMI use.
 */
public final class RmiSettings {
    /**
     * How many microseconds a lone caller polls for its reply before its read blocks
     * ({@link ReplySpin} says why); 0 turns polling off. Unset, it is 50 in a client's process
     * and 0 in a cluster member's ({@link #forClusterMember}).
     */
    public static final String REPLY_SPIN_PROPERTY = "kvstore.rmi.replySpinMicros";

    static final long DEFAULT_REPLY_SPIN_MICROS = 50;
    private static final long MAX_REPLY_SPIN_MICROS = 10_000;

    private static volatile boolean replyWaitsLeftToKernel;

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
        replySpinNanos(); // a bad value fails here, at start-up, rather than at the first call
    }

    /**
     * The reply poll budget of this process, in nanoseconds: {@link #REPLY_SPIN_PROPERTY} if set,
     * else the process's default.
     *
     * @throws IllegalArgumentException if the property is not a whole number from 0 to 10,000
     */
    static long replySpinNanos() {
        String value = System.getProperty(REPLY_SPIN_PROPERTY);
        return value == null && replyWaitsLeftToKernel ? 0 : replySpinNanos(value);
    }

    /** {@link #replySpinNanos()} for the property's value {@code value}, null when it is not set. */
    static long replySpinNanos(String value) {
        if (value == null) return TimeUnit.MICROSECONDS.toNanos(DEFAULT_REPLY_SPIN_MICROS);
        long micros;
        try {
            micros = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            micros = -1;
        }
        if (micros < 0 || micros > MAX_REPLY_SPIN_MICROS) {
            throw new IllegalArgumentException(REPLY_SPIN_PROPERTY + " must be a whole number of microseconds from 0 to "
                    + MAX_REPLY_SPIN_MICROS + ", not '" + value + "'");
        }
        return TimeUnit.MICROSECONDS.toNanos(micros);
    }

    /**
     * Settles how a cluster member's process (a replica, the coordinator) talks to other members;
     * called once in its {@code main}, after {@link #install} and before any connection.
     *
     * <ul>
     *   <li>Its client sockets answer RMI's reuse ping themselves on a connection with a reply in
     *       the last second, instead of a round trip per reused connection. Members treat every
     *       failed call to another member alike, so a call that fails on a reused connection
     *       needs no ping to tell it apart ({@link ReusePing} says why and what it saves). Plain
     *       and TLS connections alike.
     *   <li>Unless {@link #REPLY_SPIN_PROPERTY} says otherwise, its reads do not poll for replies.
     *       A member's lone calls are mostly forwarded writes, whose replies take longer than a
     *       poll lasts, and members share their machine's cores with each other; in three
     *       interleaved runs with 8 writers, members that polled wrote 6 to 11% less.
     * </ul>
     */
    public static void forClusterMember() {
        ReusePing.answerInThisProcess();
        replyWaitsLeftToKernel = true;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
