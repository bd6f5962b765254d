package dev.kvstore.api;

import java.rmi.Remote;
import java.rmi.RemoteException;

/**
 * The client-facing interface of a replica, bound as {@link #NAME} in the replica's registry.
 *
 * <p>{@code get} is answered from the replica's own store; {@code put} and {@code delete} commit on
 * every live replica through two-phase commit, or on none.
 */
public interface KVStore extends Remote {
    /** Binding name in the replica's registry. */
    String NAME = "KVStore";

    /** Returns the value of {@code key}, or {@code null} when it is absent. */
    String get(String key) throws RemoteException, KVException;

    /** Sets {@code key} to {@code value} on every live replica. */
    void put(String key, String value) throws RemoteException, KVException;

    /** Removes {@code key} from every live replica; returns false when it was absent. */
    boolean delete(String key) throws RemoteException, KVException;

    /** What this replica knows of itself and of the cluster view. */
    ReplicaStatus status() throws RemoteException;
}
