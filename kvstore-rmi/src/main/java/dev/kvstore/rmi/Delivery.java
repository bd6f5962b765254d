package dev.kvstore.rmi;

import java.rmi.ConnectException;
import java.rmi.ConnectIOException;
import java.rmi.NoSuchObjectException;
import java.rmi.RemoteException;
import java.rmi.UnknownHostException;

/** Reads a failed remote call for whether the request can have run. Stateless. */
public final class Delivery {
    private Delivery() {}

    /**
     * Whether the request certainly never ran at the callee: the connection was refused or could
     * not be set up, or the callee no longer exports the object. Anything else may have run.
     */
    public static boolean certainlyNotDelivered(RemoteException e) {
        return e instanceof ConnectException
                || e instanceof ConnectIOException
                || e instanceof NoSuchObjectException
                || e instanceof UnknownHostException;
    }
}
