package dev.kvstore.client;

import dev.kvstore.api.KVStore;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;

/** Looks up a replica's KVStore stub in the RMI registry on its port. Stateless; thread-safe. */
public final class RmiReplicaConnector implements ReplicaConnector {
    @Override
    public KVStore lookup(ReplicaId replica, RemoteCalls calls) throws RemoteException, NotBoundException {
        return RmiEndpoint.lookup(calls, replica.host(), replica.port(), KVStore.NAME, KVStore.class);
    }
}
