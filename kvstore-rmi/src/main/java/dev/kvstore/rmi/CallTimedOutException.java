package dev.kvstore.rmi;

import java.rmi.RemoteException;

/** A remote call did not answer within its deadline. It may still have run on the server. */
public final class CallTimedOutException extends RemoteException {
    private static final long serialVersionUID = 1L;

    public CallTimedOutException(String message) {
        super(message);
    }
}
