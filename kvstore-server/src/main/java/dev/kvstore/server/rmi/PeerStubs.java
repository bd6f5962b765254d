package dev.kvstore.server.rmi;

import dev.kvstore.api.protocol.Participant;
import dev.kvstore.api.protocol.ReplicaId;
import dev.kvstore.rmi.RemoteCalls;
import dev.kvstore.rmi.RmiEndpoint;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Cached {@link Participant} stubs of the peers, looked up on first use and again after a failure. Thread-safe. */
final class PeerStubs {
    private final RemoteCalls calls;
    private final Map<ReplicaId, Participant> stubs = new ConcurrentHashMap<>();

    PeerStubs(RemoteCalls calls) {
        this.calls = calls;
    }

    Participant get(ReplicaId peer) throws RemoteException {
        Participant stub = stubs.get(peer);
        if (stub != null) return stub;
        try {
            stub = RmiEndpoint.lookup(calls, peer.host(), peer.port(), Participant.NAME, Participant.class);
        } catch (NotBoundException e) {
            throw new RemoteException("no participant bound at " + peer, e);
        }
        stubs.put(peer, stub);
        return stub;
    }

    void invalidate(ReplicaId peer) {
        stubs.remove(peer);
    }
}
