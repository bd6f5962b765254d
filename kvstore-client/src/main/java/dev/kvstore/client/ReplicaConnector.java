package dev.kvstore.client;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.RemoteCalls;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;

/** Finds the {@link KVStore} of a replica. The RMI registry in production, an in-memory map in tests. */
@FunctionalInterface
public interface ReplicaConnector {
    /** Looks up {@code replica}'s KVStore, within the deadline of {@code calls}. */
    KVStore lookup(ReplicaId replica, RemoteCalls calls) throws RemoteException, NotBoundException;
}
