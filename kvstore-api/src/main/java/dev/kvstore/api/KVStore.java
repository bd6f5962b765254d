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

    /** The most keys one {@link #getMany} call may ask for. */
    int MAX_KEYS_PER_GET_MANY = 256;

    /**
     * What {@link #getMany} answers for a key that a prepared transaction holds on this replica:
     * ask {@link #get} for that key, which waits for the outcome. A lone surrogate, so no stored
     * value can equal it: values are well-formed Unicode.
     */
    String HELD = "\uD800";

    /** Returns the value of {@code key}, or {@code null} when it is absent. */
    String get(String key) throws RemoteException, KVException;

    /**
     * Reads many keys in one call: one answer per key, in order, each what {@link #get} would
     * answer, except that a key held by a prepared transaction is not waited for and is answered
     * {@link #HELD}, so that no key holds back the others. At most
     * {@link #MAX_KEYS_PER_GET_MANY} keys; one invalid key refuses the whole call.
     */
    String[] getMany(String[] keys) throws RemoteException, KVException;

    /** Sets {@code key} to {@code value} on every live replica. */
    void put(String key, String value) throws RemoteException, KVException;

    /** Removes {@code key} from every live replica; returns false when it was absent. */
    boolean delete(String key) throws RemoteException, KVException;

    /** What this replica knows of itself and of the cluster view. */
    ReplicaStatus status() throws RemoteException;
}
