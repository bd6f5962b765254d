package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecisionRefusedException;
import java.rmi.RemoteException;

/** The proposer's port to the coordinator: the commit point. */
public interface CoordinatorPort {
    /**
     * Returns the seq of the committed decision. {@link DecisionRefusedException}: definitely not
     * committed. {@link RemoteException} (timeout included): the outcome is unknown.
     */
    long decide(DecideRequest request) throws DecisionRefusedException, RemoteException;
}
