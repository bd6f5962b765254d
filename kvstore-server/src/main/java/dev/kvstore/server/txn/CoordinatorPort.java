package dev.kvstore.server.txn;

import dev.kvstore.api.protocol.DecideRequest;
import dev.kvstore.api.protocol.DecisionRefusedException;
import java.rmi.RemoteException;
import java.util.concurrent.CompletableFuture;

/** The proposer's port to the coordinator: the commit point. */
public interface CoordinatorPort {
    /**
     * Asks for a decision and returns at once. The future completes with the seq of the committed
     * decision, or fails with {@link DecisionRefusedException} (definitely not committed) or
     * {@link RemoteException} (timeout included: the outcome is unknown). It always completes,
     * within the call's deadline.
     */
    CompletableFuture<Long> decide(DecideRequest request);
}
