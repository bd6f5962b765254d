package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecisionRefusedException;
import dev.kvstore.api.protocol.ReplicaId;
import java.rmi.RemoteException;
import java.util.Set;

/** The proposer's port to the coordinator: the commit point, and excluding replicas that did not confirm a commit. */
public interface CoordinatorPort {
    /**
     * Returns the seq of the committed decision. {@link DecisionRefusedException}: definitely not
     * committed. {@link RemoteException} (timeout included): the outcome is unknown.
     */
    long decide(DecideRequest request) throws DecisionRefusedException, RemoteException;

    /** Marks {@code suspects} DOWN and returns once their read leases have run out. */
    void reportSuspects(ReplicaId reporter, Set<ReplicaId> suspects) throws RemoteException;
}
