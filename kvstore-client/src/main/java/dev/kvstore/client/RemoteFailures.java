package dev.kvstore.client;

import dev.kvstore.rmi.CallTimedOutException;
import java.io.EOFException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.util.Locale;

/** Reads a failed remote call for a short phrase a person understands. Stateless. */
final class RemoteFailures {
    private RemoteFailures() {}

    /** A few words on what went wrong, e.g. "connection refused", for the end of an error line. */
    static String describe(Exception e) {
        if (e instanceof CallTimedOutException timedOut) return timedOut.getMessage();
        if (e instanceof NotBoundException) return "nothing is bound as KVStore there";
        if (e instanceof NoSuchObjectException) return "the replica stopped or restarted";
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof UnknownHostException) return "unknown host " + root.getMessage();
        if (root instanceof java.net.ConnectException) return "connection refused";
        if (root instanceof EOFException) return "connection closed by the replica";
        if (root instanceof SocketException && root.getMessage() != null) return lowerFirst(root.getMessage());
        String message = root.getMessage();
        return message == null || message.isBlank()
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + firstLine(message);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
