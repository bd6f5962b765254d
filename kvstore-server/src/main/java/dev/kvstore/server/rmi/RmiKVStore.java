package dev.kvstore.server.rmi;

import dev.kvstore.api.KVException;
import dev.kvstore.api.KVStore;
import dev.kvstore.api.ReplicaStatus;
import dev.kvstore.server.KVStoreService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The RMI edge of {@link KVStoreService}: delegates, and turns a bug into a typed error instead of a stack trace. */
public final class RmiKVStore implements KVStore {
    private static final Logger log = LoggerFactory.getLogger(RmiKVStore.class);

    private final KVStoreService service;

    public RmiKVStore(KVStoreService service) {
        this.service = service;
    }

    @Override
    public String get(String key) throws KVException {
        try {
            return service.get(key);
        } catch (RuntimeException e) {
            throw internal("get", e);
        }
    }

    @Override
    public String[] getMany(String[] keys) throws KVException {
        try {
            return service.getMany(keys);
        } catch (RuntimeException e) {
            throw internal("getMany", e);
        }
    }

    @Override
    public void put(String key, String value) throws KVException {
        try {
            service.put(key, value);
        } catch (RuntimeException e) {
            throw internal("put", e);
        }
    }

    @Override
    public boolean delete(String key) throws KVException {
        try {
            return service.delete(key);
        } catch (RuntimeException e) {
            throw internal("delete", e);
        }
    }

    @Override
    public ReplicaStatus status() {
        return service.status();
    }

    private static KVException internal(String operation, RuntimeException e) {
        log.error("{} failed inside the replica", operation, e);
        return new KVException("internal error in the replica during " + operation + ": " + e.getClass().getSimpleName());
    }
}
